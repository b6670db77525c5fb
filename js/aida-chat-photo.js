/*! aida-chat photos: a phone photo made small enough for a slow network before its upload.
 * Fetched only when the visitor attaches a JPEG, WebP or PNG. The page calls shrinkPhoto(); the
 * decoding, scaling and encoding run in a worker started from this same file where the page
 * allows one, and in the page where it does not. */

// JPEG qualities tried in turn until the photo fits `maxBytes`, then smaller sizes.
const ATTEMPTS = [
  [1, 0.85],
  [1, 0.7],
  [1, 0.55],
  [0.75, 0.55],
  [0.5, 0.55],
];

/** The file to upload in place of `file`: null to send `file` as it is (not a photo, or already
 * at most `maxDimension` px on its long side and `maxBytes` long), or a new one that is. A PNG
 * stays a PNG (its transparency kept) when that fits; everything else becomes a JPEG. */
export function shrinkPhoto(file, maxDimension, maxBytes) {
  if (!/^image\/(jpeg|webp|png)$/.test(file.type)) return Promise.resolve(null);
  const job = { file, maxDimension, maxBytes };
  return inWorker(job)
    .catch(() => shrink(job))
    .catch(() => null);
}

/** Runs the job in a worker of this file. A worker's script must come from the page's origin;
 * from another one (a CDN), the worker starts from a blob that imports this file, which a
 * page's Content-Security-Policy may forbid: then this rejects and the page does the work. */
function inWorker(job) {
  return new Promise((resolve, reject) => {
    const url = import.meta.url;
    let worker;
    let blob;
    try {
      worker = new Worker(url, { type: 'module' });
    } catch {
      try {
        blob = URL.createObjectURL(new Blob([`import ${JSON.stringify(url)};`], { type: 'text/javascript' }));
        worker = new Worker(blob, { type: 'module' });
      } catch (error) {
        if (blob) URL.revokeObjectURL(blob);
        reject(error);
        return;
      }
    }
    const end = () => {
      worker.terminate();
      if (blob) URL.revokeObjectURL(blob);
    };
    worker.onmessage = ({ data }) => {
      end();
      if ('file' in data) resolve(data.file);
      else reject(new Error(data.error));
    };
    worker.onerror = (event) => {
      end();
      event.preventDefault();
      reject(new Error('aida-chat: the photo worker did not start'));
    };
    worker.postMessage(job);
  });
}

/** Decodes the photo upright (EXIF orientation applied), then encodes it smaller. */
async function shrink({ file, maxDimension, maxBytes }) {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const long = Math.max(bitmap.width, bitmap.height);
    if (long <= maxDimension && file.size <= maxBytes) return null;
    const fit = Math.min(1, maxDimension / long);
    let blob;
    for (let i = 0; i < ATTEMPTS.length; i++) {
      const [scale, quality] = ATTEMPTS[i];
      const type = file.type === 'image/png' && i === 0 ? 'image/png' : 'image/jpeg';
      blob = await encode(bitmap, fit * scale, type, quality);
      if (blob.size <= maxBytes) break;
    }
    const name = file.name.replace(/\.[^.]*$/, '') + (blob.type === 'image/png' ? '.png' : '.jpg');
    return new File([blob], name, { type: blob.type, lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}

function encode(bitmap, scale, type, quality) {
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d');
  if (type === 'image/jpeg') {
    // JPEG has no transparency: what was transparent turns white, not black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  if (canvas.convertToBlob) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('aida-chat: the photo could not be encoded'))), type, quality),
  );
}

// Started as a worker: do the page's job.
if (typeof WorkerGlobalScope === 'function' && self instanceof WorkerGlobalScope) {
  self.onmessage = ({ data }) =>
    shrink(data).then(
      (file) => self.postMessage({ file }),
      (error) => self.postMessage({ error: String(error) }),
    );
}
