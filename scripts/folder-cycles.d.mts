/** Edges between folders, each with one import that makes it ("file → specifier"). */
export type FolderGraph = Map<string, Map<string, string>>;
export interface FolderCycle {
  folders: string[];
  imports: string[];
}
export function folderOf(path: string): string;
export function folderGraph(root?: string, parts?: string[]): FolderGraph;
export function folderCycles(graph: FolderGraph): FolderCycle[];
export function mutualPairs(graph: FolderGraph): string[];
