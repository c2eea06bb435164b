/** The lived-experience tags, as plain data: importing the contract's zod schemas would bring zod into this chunk. */
export { EXPERIENCE_TAGS } from '../../../contracts/plain-lists.js';
