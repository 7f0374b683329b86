/** The console is served by this server, so a browser socket's Origin must name this host (or PUBLIC_URL). */
export function consoleOrigin(publicUrl: string | undefined) {
  return (origin: string, host: string | undefined): boolean => {
    try {
      const originHost = new URL(origin).host;
      return originHost === host || (publicUrl !== undefined && originHost === new URL(publicUrl).host);
    } catch {
      return false;
    }
  };
}
