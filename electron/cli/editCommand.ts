import type { EditLogEntry, EditOutcome } from '../../shared/api/types';
import { EditError, type EditCommand } from '../../shared/edit/types';
import type { Vec3 } from '../../shared/volume/types';
import { openProjectSession } from '../services/edits/editProject';
import type { Session } from '../services/session';
import type { Command } from './commands';
import { parse, parseVec3 } from './parse';
import { UsageError } from './usageError';

const usage = `Usage: npx axon-proofreader edit PROJECT ACTION [ARGS] [options]

Proofreads a project's segmentation from the command line, through the same services and the
same edit log as the app (the segmentation file itself is never changed).

Actions:
  merge ID ID                 merge the second segment into the first
  split ID --sources "z,y,x;z,y,x" --sinks "z,y,x;..."
                              split a segment along membranes between the seed voxels; the
                              sinks' side becomes a new segment
  split-components ID         give every 6-connected piece of a segment but the largest a new id
  undo [--steps N | --all]    undo the latest edit (or the latest N, or every edit)
  redo [--steps N | --all]    redo the latest undone edit (or N, or every undone edit)
  log [--json] [--all]        the edit history, newest first (--all: with dropped redo branches)

Several steps are undone or redone in one transaction.`;

const ID = /^\d{1,20}$/;

function segmentId(text: string | undefined, what: string): bigint {
  if (text === undefined) throw new UsageError(`${what} is missing`);
  if (!ID.test(text) || BigInt(text) >= 2n ** 64n) {
    throw new UsageError(`${what} must be a segment id (a decimal uint64), got '${text}'`);
  }
  return BigInt(text);
}

function seeds(text: string | undefined, option: string): Vec3[] {
  if (!text) throw new UsageError(`${option} "z,y,x;z,y,x" is required for a split`);
  return text
    .split(';')
    .filter((s) => s.trim() !== '')
    .map((s, i) => {
      const v = parseVec3(s, `${option} seed ${i}`);
      if (!v.every((c) => Number.isInteger(c)))
        throw new UsageError(`${option} seed ${i} must be whole voxels`);
      return v;
    });
}

function steps(text: string | undefined, all: boolean): number {
  if (all && text !== undefined) throw new UsageError('give --steps N or --all, not both');
  if (all) return Infinity;
  if (text === undefined) return 1;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--steps must be a positive integer (got '${text}')`);
  return n;
}

type Values = { sources?: string; sinks?: string; steps?: string; json?: boolean; all?: boolean };

function commandFor(action: string, args: readonly string[], values: Values): EditCommand {
  const expect = (n: number) => {
    if (args.length !== n) throw new UsageError(`${action} takes ${n === 1 ? 'one id' : `${n} ids`}`);
  };
  switch (action) {
    case 'merge':
      expect(2);
      return {
        kind: 'merge',
        target: segmentId(args[0], 'the first ID'),
        source: segmentId(args[1], 'the second ID'),
      };
    case 'split':
      expect(1);
      return {
        kind: 'split',
        segment: segmentId(args[0], 'ID'),
        sources: seeds(values.sources, '--sources'),
        sinks: seeds(values.sinks, '--sinks'),
      };
    case 'split-components':
      expect(1);
      return { kind: 'splitComponents', segment: segmentId(args[0], 'ID') };
    default:
      throw new UsageError(`unknown action '${action}' (merge, split, split-components, undo, redo, log)`);
  }
}

const ACTIONS = ['merge', 'split', 'split-components', 'undo', 'redo', 'log'];

export const editCommand: Command = {
  summary: 'merge, split, undo, redo and list the edits of a project',
  usage,
  async run(args) {
    const { values, positionals } = parse(
      args,
      {
        sources: { type: 'string' },
        sinks: { type: 'string' },
        steps: { type: 'string' },
        json: { type: 'boolean' },
        all: { type: 'boolean' },
      },
      true,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const [project, action, ...rest] = positionals;
    if (!project || !action) throw new UsageError('give a PROJECT file and an ACTION');
    if (!ACTIONS.includes(action)) {
      throw new UsageError(`unknown action '${action}' (${ACTIONS.join(', ')})`);
    }
    // Check the arguments before opening anything.
    const command = ['undo', 'redo', 'log'].includes(action) ? undefined : commandFor(action, rest, values);
    if (!command && rest.length > 0) throw new UsageError(`${action} takes no arguments`);
    if (values.all && ['merge', 'split', 'split-components'].includes(action)) {
      throw new UsageError(`--all is for undo, redo and log, not ${action}`);
    }
    const count = steps(values.steps, action !== 'log' && values.all === true);
    const session = await openProjectSession(project);
    try {
      return await perform(session, action, command, count, values);
    } catch (error) {
      if (error instanceof EditError) {
        throw new Error(`${session.project.path}: ${error.message}`, { cause: error });
      }
      throw error;
    } finally {
      session.close();
    }
  },
};

async function perform(
  session: Session,
  action: string,
  command: EditCommand | undefined,
  count: number,
  values: Values,
): Promise<number> {
  const edits = session.edits;
  if (command) {
    report(await edits.edit(command));
    return 0;
  }
  if (action === 'log') {
    printLog(session, values);
    return 0;
  }
  const outcome = action === 'undo' ? await edits.undoSteps(count) : await edits.redoSteps(count);
  if (!outcome) console.log(`nothing to ${action}`);
  else report(outcome);
  return 0;
}

function report(outcome: EditOutcome): void {
  const e = outcome.entry;
  const verb = outcome.action === 'do' ? 'edit' : outcome.action === 'undo' ? 'undid edit' : 'redid edit';
  const created =
    outcome.action === 'do' ? e.segmentsAfter.filter((id) => !e.segmentsBefore.includes(id)) : [];
  const made =
    created.length > 0 ? `; new segment${created.length > 1 ? 's' : ''} ${created.join(', ')}` : '';
  if (outcome.steps > 1) {
    const where = outcome.action === 'undo' ? 'back to before edit' : 'up to edit';
    console.log(`${verb.replace(' edit', '')} ${outcome.steps} edits, ${where} ${e.seq}: ${e.text}`);
    return;
  }
  console.log(`${verb} ${e.seq}: ${e.text} (${e.changedVoxels} voxels changed${made})`);
}

const jsonIds = (_key: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

function printLog(session: Session, values: Values): void {
  const log = session.edits.log;
  if (values.json) {
    const page = values.all
      ? { entries: log.all().reverse() }
      : session.edits.listEdits(0, Number.MAX_SAFE_INTEGER);
    console.log(JSON.stringify(page, jsonIds, 2));
    return;
  }
  const entries: readonly (EditLogEntry & { status?: string })[] = values.all
    ? log.all().reverse()
    : session.edits.listEdits(0, Number.MAX_SAFE_INTEGER).entries;
  if (entries.length === 0) console.log('no edits yet');
  for (const e of entries) {
    const state = e.status === 'discarded' ? ' [dropped]' : e.undone ? ' [undone]' : '';
    console.log(`${String(e.seq).padStart(5)}  ${e.at}  ${e.user}  ${e.text}${state}`);
  }
}
