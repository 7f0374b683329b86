// Knowledge-base events and REST bodies (filled in by the knowledge-base work).
export const kbVisitorRequests = {} as const;
export const kbVisitorPushes = {} as const;
export const kbAgentRequests = {} as const;
export const kbAgentPushes = {} as const;
