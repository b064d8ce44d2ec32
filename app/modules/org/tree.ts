import type { OrgUnitType } from "#db/schema";

export interface TreeUnit {
  id: number;
  parent_id: number | null;
  name: string;
  type: OrgUnitType;
  active: number;
}

export interface TreeNode extends TreeUnit {
  children: TreeNode[];
}

/**
 * Nests a flat list (any order) into trees. Units whose parent is not in the list become roots:
 * a district manager's tree starts at their district.
 */
export function buildTree(units: readonly TreeUnit[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>(units.map((u) => [u.id, { ...u, children: [] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_id === null ? undefined : nodes.get(node.parent_id);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
