/**
 * The one message catalogue (zh-CN): every text a person reads comes from here, so wording is fixed in one place.
 * It is split by what the texts belong to: the labels of codes (codes.ts), the desk's frame, login, intake and
 * notices (desk.ts), the matter and petitioner pages (matters.ts), and the documents acts print (documents.ts).
 * Import from this module.
 */
export * from './codes';
export * from './desk';
export * from './cases';
export * from './calendar';
export * from './documents';
