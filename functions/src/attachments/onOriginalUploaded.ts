import { onObjectFinalized } from 'firebase-functions/v2/storage';
import { parseOriginalPath } from './attachmentPath.js';
import { processUpload } from './processUpload.js';

export const onOriginalUploaded = onObjectFinalized({ memory: '1GiB' }, async (event) => {
  const ref = parseOriginalPath(event.data.name);
  if (!ref) return;
  await processUpload(ref, {
    bucket: event.data.bucket,
    name: event.data.name,
    size: Number(event.data.size),
  });
});
