import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageItem } from '../../agent-console/conversation/MessageItem';
import { message } from './console-harness';

afterEach(cleanup);

describe('a message whose card details the server hid', () => {
  it('says so beside the masked text; other messages say nothing', () => {
    render(
      <ul>
        <MessageItem message={message('c1', { text: 'My card •••• 1111 failed', masked: ['card'] })} visitorName="Marie" now={Date.now()} />
        <MessageItem message={message('c1', { text: 'Any news?' })} visitorName="Marie" now={Date.now()} />
      </ul>,
    );
    expect(screen.getByText('My card •••• 1111 failed')).toBeTruthy();
    expect(screen.getAllByText('Card or bank details hidden before storing')).toHaveLength(1);
  });
});
