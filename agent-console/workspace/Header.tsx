import type { ComponentChildren } from 'preact';
import type { User } from '../../shared/contract';
import type { ConnectionStatus } from '../agent-socket';
import { Avatar } from '../ui/Avatar';
import { ConnectionIndicator } from './ConnectionIndicator';
import { Name } from '../ui/Name';

interface HeaderProps {
  user: User;
  connection: ConnectionStatus;
  signingOut: boolean;
  onSignOut: () => void;
  /** Navigation between the workspace's views. */
  nav?: ComponentChildren;
  /** The agent's availability control, beside the connection state. */
  availability?: ComponentChildren;
}

export function Header({ user, connection, signingOut, onSignOut, nav, availability }: HeaderProps) {
  return (
    <header class="topbar">
      <div class="topbar__brand">
        <span class="brand-mark" aria-hidden="true" />
        <span class="topbar__title">Agent console</span>
        {nav}
      </div>
      <div class="topbar__end">
        {availability}
        <ConnectionIndicator status={connection} />
        <span class="topbar__user">
          <Avatar name={user.name} seed={user.id} size="sm" />
          <Name class="topbar__name" name={user.name} />
        </span>
        <button type="button" class="button button--ghost" onClick={onSignOut} disabled={signingOut}>
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </header>
  );
}
