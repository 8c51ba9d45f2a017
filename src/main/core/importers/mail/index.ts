// Mailing lists: an mbox (pipermail monthly archives, Groups.io exports, any mailbox), one message per
// file (Maildir cur/ and new/, .eml) and Hypermail's HTML message pages. All three yield format 'mail'.
export { mboxParser } from './mbox';
export { emailMessageParser } from './eml';
export { hypermailParser } from './hypermail';
