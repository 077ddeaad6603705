/**
 * SWC skeletons: one node per line, `n type x y z radius parent`, n 1-based, parent -1 for a
 * root, '#' starts a comment. Coordinates and radii are in nm (x y z order, as SWC writes them).
 * A file holds one skeleton (one GT object); folders of files are handled by the caller.
 */

export interface SkeletonNode {
  /** nm */
  x: number;
  y: number;
  z: number;
  radius: number;
  /** Index of the parent in `nodes`, -1 for a root. */
  parent: number;
}

export interface Skeleton {
  /** The ground-truth object (axon) id the skeleton traces. */
  id: number;
  nodes: SkeletonNode[];
}

/** SWC structure types; axon is what the demo and AxonEM skeletons are. */
export const SWC_UNDEFINED = 0;
export const SWC_AXON = 2;

export class SwcParseError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${source}, line ${line}: ${detail}`);
    this.name = 'SwcParseError';
  }
}

function formatNumber(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot write a non-finite ${what} (${value}) to SWC`);
  return String(value);
}

/** SWC text of one skeleton; numbers are written in full precision so they read back exactly. */
export function writeSwc(
  skeleton: Skeleton,
  options: { readonly type?: number; readonly comments?: readonly string[] } = {},
): string {
  const type = options.type ?? SWC_AXON;
  const lines = (options.comments ?? []).map((c) => `# ${c}`);
  lines.push(`# id ${skeleton.id}`, '# n type x y z radius parent (nm)');
  skeleton.nodes.forEach((node, i) => {
    if (!Number.isInteger(node.parent) || node.parent < -1 || node.parent >= skeleton.nodes.length) {
      throw new RangeError(`skeleton ${skeleton.id} node ${i} has parent ${node.parent}, not a node index`);
    }
    const fields = [
      formatNumber(node.x, 'x'),
      formatNumber(node.y, 'y'),
      formatNumber(node.z, 'z'),
      formatNumber(node.radius, 'radius'),
    ];
    lines.push(`${i + 1} ${type} ${fields.join(' ')} ${node.parent < 0 ? -1 : node.parent + 1}`);
  });
  return lines.join('\n') + '\n';
}

interface RawNode {
  readonly n: number;
  readonly parentN: number;
  readonly line: number;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly radius: number;
}

function parseLine(fields: string[], source: string, line: number): RawNode {
  if (fields.length !== 7) {
    throw new SwcParseError(
      source,
      line,
      `expected 7 fields (n type x y z radius parent), got ${fields.length}`,
    );
  }
  const names = ['n', 'type', 'x', 'y', 'z', 'radius', 'parent'];
  const values = fields.map((f, i) => {
    const v = Number(f);
    if (f === '' || !Number.isFinite(v))
      throw new SwcParseError(source, line, `${names[i]} is not a number: '${f}'`);
    return v;
  });
  const [n, type, x, y, z, radius, parentN] = values as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!Number.isInteger(n) || n < 0)
    throw new SwcParseError(source, line, `n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(type)) throw new SwcParseError(source, line, `type must be an integer, got ${type}`);
  if (radius < 0) throw new SwcParseError(source, line, `radius must not be negative, got ${radius}`);
  if (!Number.isInteger(parentN) || parentN < -1) {
    throw new SwcParseError(source, line, `parent must be -1 or a node number, got ${parentN}`);
  }
  if (parentN === n) throw new SwcParseError(source, line, `node ${n} is its own parent`);
  return { n, parentN, line, x, y, z, radius };
}

/** Reject parent chains that loop back (a tree has none); names a line on the loop. */
function checkAcyclic(raw: readonly RawNode[], parents: Int32Array, source: string): void {
  const state = new Uint8Array(raw.length); // 0 unseen, 1 on the current chain, 2 known to reach a root
  for (let start = 0; start < raw.length; start++) {
    const chain: number[] = [];
    let i = start;
    while (i >= 0 && state[i] === 0) {
      state[i] = 1;
      chain.push(i);
      i = parents[i]!;
    }
    if (i >= 0 && state[i] === 1) {
      throw new SwcParseError(source, raw[i]!.line, `node ${raw[i]!.n} is its own ancestor (a cycle)`);
    }
    for (const c of chain) state[c] = 2;
  }
}

/**
 * Parse one SWC file. Node numbers may be any unique non-negative integers in any order;
 * parents are resolved to indices in file order. Throws SwcParseError naming the line.
 */
export function parseSwc(text: string, options: { readonly id: number; readonly source?: string }): Skeleton {
  const source = options.source ?? 'SWC';
  const raw: RawNode[] = [];
  const index = new Map<number, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((content, k) => {
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const node = parseLine(trimmed.split(/\s+/), source, k + 1);
    const earlier = index.get(node.n);
    if (earlier !== undefined) {
      throw new SwcParseError(source, k + 1, `node ${node.n} already defined on line ${raw[earlier]!.line}`);
    }
    index.set(node.n, raw.length);
    raw.push(node);
  });
  if (raw.length === 0) throw new SwcParseError(source, lines.length, 'no nodes in the file');
  const parents = new Int32Array(raw.length);
  raw.forEach((node, i) => {
    const p = node.parentN === -1 ? -1 : index.get(node.parentN);
    if (p === undefined)
      throw new SwcParseError(source, node.line, `parent ${node.parentN} is not a node in the file`);
    parents[i] = p;
  });
  checkAcyclic(raw, parents, source);
  const nodes = raw.map((node, i) => ({
    x: node.x,
    y: node.y,
    z: node.z,
    radius: node.radius,
    parent: parents[i]!,
  }));
  return { id: options.id, nodes };
}

/** The object id a skeleton file is named for: the last integer in its name ('axon_0012.swc' -> 12). */
export function skeletonIdFromFileName(name: string): number | undefined {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.swc$/i, '');
  const digits = base.match(/\d+/g);
  const last = digits?.[digits.length - 1];
  return last === undefined ? undefined : Number(last);
}

/** Total edge length in nm. */
export function skeletonLength(skeleton: Skeleton): number {
  let total = 0;
  for (const node of skeleton.nodes) {
    if (node.parent < 0) continue;
    const p = skeleton.nodes[node.parent]!;
    total += Math.hypot(node.x - p.x, node.y - p.y, node.z - p.z);
  }
  return total;
}
