import { chunkStyles } from '../chunk-styles';
import css from './files.css?inline';

export const adoptFilesStyles = chunkStyles(css);
