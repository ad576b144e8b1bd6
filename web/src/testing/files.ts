/** A file as the picker hands it over, starting with a JPEG's signature, `size` bytes long. */
export function jpegFile(name: string, size = 100, type = 'image/jpeg'): File {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0].slice(0, size));
  return new File([bytes], name, { type });
}

/** Text, whatever it is called and whatever type the browser guessed from that name. */
export function textFile(name: string, type = 'text/plain'): File {
  return new File(['Shopping list: milk, eggs'], name, { type });
}
