/** The player SDK's Node-only helpers (`@streaming/player/node`): a file-backed outbox store. */
export { FileOutboxStore } from './fileOutbox';
