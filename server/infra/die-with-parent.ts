/**
 * Wraps a command so that Linux sends it `signal` when the process that spawned it dies, even by
 * SIGKILL (`setpriv --pdeathsig`, util-linux): a helper server never outlives the server that
 * started it. `setprivOptions` are applied in the same step (a later change of user would clear
 * the death signal). Elsewhere the command runs as it is.
 */
export function dieWithParent(command: string, args: string[], signal: NodeJS.Signals, setprivOptions: string[] = []): [string, string[]] {
  return process.platform === 'linux'
    ? ['setpriv', [...setprivOptions, '--pdeathsig', signal.replace(/^SIG/, ''), command, ...args]]
    : [command, args];
}
