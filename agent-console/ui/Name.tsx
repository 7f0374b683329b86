/**
 * A person's name among other text. `<bdi>` isolates it: a right-to-left name (Persian) keeps its
 * own order, and no name can reorder the console's text around it.
 */
export function Name({ name, class: className }: { name: string; class?: string }) {
  return <bdi class={className}>{name}</bdi>;
}
