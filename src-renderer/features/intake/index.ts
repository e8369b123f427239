export { IntakePage } from './IntakePage';
export { DraftKeeper, forgetLegacyDraft } from './draft-keeper';
