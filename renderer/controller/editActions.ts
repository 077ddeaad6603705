import type { SliceAxis } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import type { AppStore } from '../state/store';
import type { EditController } from './editController';

const copy = (v: Vec3): [number, number, number] => [v[0], v[1], v[2]];

/** The proofreading actions the UI offers, as edit commands on the selection and the tools. */
export class EditActions {
  /** Sources of merges sent and not answered yet (a double Shift+click must not merge twice). */
  private readonly merging = new Set<string>();
  /** A split sent and not answered yet (Enter pressed twice must not split twice). */
  private splitting = false;

  constructor(
    private readonly store: AppStore,
    private readonly edits: EditController,
  ) {}

  /** Shift+click: merge segment `id` into the first selected segment. */
  mergeIntoSelected(id: string | null): Promise<boolean> {
    const s = this.store.getState();
    const target = s.selection[0];
    if (id === null) return this.refuse('That slice is still loading');
    if (target === undefined) return this.refuse('Select the segment to merge into first');
    if (id === '0') return this.refuse('That is background: Shift+click another segment');
    if (id === target) return this.refuse(`Segment ${id} is the merge target itself`);
    // The slice may still show a segment merged a moment ago, until its new labels arrive.
    if (this.merging.has(id) || s.lastOutcome?.removed.includes(id)) return Promise.resolve(false);
    this.merging.add(id);
    return this.edits
      .run({ kind: 'merge', target, source: id }, `Merge ${id} into ${target}`)
      .finally(() => this.merging.delete(id));
  }

  /** Merge every other selected segment into the first selected one, one edit each. */
  async mergeSelected(): Promise<boolean> {
    const [target, ...sources] = this.store.getState().selection;
    if (target === undefined || sources.length === 0)
      return this.refuse('Select two or more segments to merge');
    for (const source of sources) {
      const ok = await this.edits.run({ kind: 'merge', target, source }, `Merge ${source} into ${target}`);
      if (!ok) return false;
    }
    return true;
  }

  /** Apply the split the seeds describe and leave the split tool. */
  async confirmSplit(): Promise<boolean> {
    const { split, tool } = this.store.getState();
    if (tool !== 'split' || this.splitting) return false;
    if (split.segment === null || split.sources.length === 0 || split.sinks.length === 0)
      return this.refuse('Place at least one source seed (click) and one sink seed (Shift+click)');
    this.splitting = true;
    const ok = await this.edits.run(
      {
        kind: 'split',
        segment: split.segment,
        sources: split.sources.map(copy),
        sinks: split.sinks.map(copy),
      },
      `Split segment ${split.segment}`,
    );
    this.splitting = false;
    if (ok) this.store.getState().setTool('navigate');
    return ok;
  }

  /** Give each disconnected piece of the first selected segment its own id. */
  splitComponents(): Promise<boolean> {
    const id = this.store.getState().selection[0];
    if (id === undefined) return this.refuse('Select the segment whose disconnected pieces to split off');
    return this.edits.run({ kind: 'splitComponents', segment: id }, `Split off pieces of ${id}`);
  }

  /** One brush stroke in `axis`'s plane: paint the selected segment, or erase only its voxels. */
  stroke(axis: SliceAxis, centers: readonly Vec3[], erase: boolean): Promise<boolean> {
    const { selection, brushRadius } = this.store.getState();
    const id = selection[0];
    if (id === undefined) return this.refuse(`Select a segment to ${erase ? 'erase' : 'paint'}`);
    if (centers.length === 0) return Promise.resolve(false);
    const region = { brush: { centers: centers.map(copy), radius: brushRadius, plane: axis } };
    return erase
      ? this.edits.run({ kind: 'erase', region, onlyOver: id }, `Erase from ${id}`)
      : this.edits.run({ kind: 'paint', id, region }, `Paint ${id}`);
  }

  private refuse(hint: string): Promise<boolean> {
    this.store.getState().setHint(hint);
    return Promise.resolve(false);
  }
}
