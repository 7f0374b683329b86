import { render } from 'preact';
import { connectAgentSocket } from './agent-socket';
import { createApi } from './api/auth-api';
import { App } from './App';

const api = createApi();
const connect = () => connectAgentSocket();
const root = document.getElementById('app');
if (root) render(<App api={api} connect={connect} />, root);
