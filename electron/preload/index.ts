import { contextBridge, ipcRenderer } from 'electron';
import { createDeskClient } from '../../common/desk-api/index.js';
import { createIpcTransport } from './ipc-transport.js';

// window.desk and nothing else. plainErrors: an Error crossing the contextBridge keeps only its message.
contextBridge.exposeInMainWorld('desk', createDeskClient(createIpcTransport(ipcRenderer), { plainErrors: true }));
