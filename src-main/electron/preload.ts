import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './preload-bridge';

// The sandboxed preload: one object on the page, never ipcRenderer itself (style.md, "The contract").
contextBridge.exposeInMainWorld('desk', createBridge(ipcRenderer));
