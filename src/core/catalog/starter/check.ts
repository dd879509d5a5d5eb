// The bundled files under the starter review, for the build (vite.config.ts runs this).
import { reviewStarter, type Review } from '../review';
import { STARTER_FILES } from './index';

export const reviewBundled = (now: Date): Review => reviewStarter(STARTER_FILES, now);
