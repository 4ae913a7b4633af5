-- Pixel size of an image asset, as Discord's attachment `width`/`height`: the client declares it
-- with the upload and Official replaces it with what it reads from the stored bytes at complete,
-- so a message list can reserve each image's box before it loads. NULL: not an image, or bytes
-- that could not be read as one.
ALTER TABLE assets ADD COLUMN width integer CHECK (width > 0);
ALTER TABLE assets ADD COLUMN height integer CHECK (height > 0);
