import sharp, { type Sharp } from 'sharp';
import { AppError } from '../errors/app-error';

/** Larger images are refused before they are decoded (a small file can declare a huge canvas). */
const MAX_PIXELS = 50_000_000;
/** A thumbnail fits in this square, in CSS pixels at 2× density. */
const THUMBNAIL_SIZE = 320;

export interface CleanImage {
  bytes: Buffer;
  width: number;
  height: number;
  /** A WebP preview. */
  thumbnail: Buffer;
}

/** Re-encodes in the file's own format: the output carries pixels only (sharp drops EXIF, GPS, XMP and comments unless asked to keep them). */
function encoded(image: Sharp, type: string): Sharp {
  switch (type) {
    case 'image/png':
      return image.png();
    case 'image/webp':
      return image.webp({ quality: 90 });
    case 'image/gif':
      return image.gif();
    default:
      return image.jpeg({ quality: 90 });
  }
}

/**
 * The image without its metadata, turned upright first (the orientation lives in the EXIF that goes),
 * and its thumbnail. An animated GIF keeps its frames; its thumbnail is the first.
 */
export async function cleanImage(bytes: Buffer, type: string): Promise<CleanImage> {
  const animated = type === 'image/gif';
  const open = () => sharp(bytes, { limitInputPixels: MAX_PIXELS, animated });
  try {
    const upright = animated ? open() : open().rotate();
    const [{ data, info }, thumbnail] = await Promise.all([
      encoded(upright, type).toBuffer({ resolveWithObject: true }),
      sharp(bytes, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer(),
    ]);
    return { bytes: data, width: info.width, height: info.pageHeight ?? info.height, thumbnail };
  } catch {
    throw new AppError('type_refused', `This image could not be read (damaged, or larger than ${MAX_PIXELS / 1_000_000} megapixels).`);
  }
}
