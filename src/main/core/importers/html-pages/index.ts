export { phpbbParser } from './phpbb';
export { askbotParser } from './askbot';
export { genericPageParser } from './generic';
