/** Socket.IO rooms by what their members share; an emit to a room reaches its sockets on every server process. */
export const rooms = {
  /** Every tab of one visitor. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Agents who have a conversation open. */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Every signed-in agent of a site (inbox updates, alerts). */
  siteAgents: (siteId: string) => `site-agents:${siteId}`,
  /** Every socket of one agent (escalation offers). */
  agent: (userId: string) => `agent:${userId}`,
  /** Agents looking at a visitor (live visitor context). */
  visitorWatchers: (visitorId: string) => `visitor-watchers:${visitorId}`,
  /** Every widget on a site (agent availability). */
  siteVisitors: (siteId: string) => `site-visitors:${siteId}`,
};
