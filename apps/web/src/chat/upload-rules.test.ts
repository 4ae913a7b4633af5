import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, humaniseInvalidInput } from '../api/api-error.ts';
import { checkUpload, describeAllowed, formatBytes } from './upload-rules.ts';

const MiB = 1024 * 1024;
const limits = {
  content_types: ['image/png', 'image/jpeg', 'video/mp4', 'audio/mpeg', 'application/pdf', 'text/plain'],
  max_bytes: 25 * MiB,
};

describe('upload rules in words', () => {
  it('lists what is accepted, grouped by kind', () => {
    expect(describeAllowed(limits.content_types)).toBe(
      'PNG and JPEG images, MP4 videos, MP3 audio and PDF and plain text files',
    );
    expect(describeAllowed(['image/webp'])).toBe('WEBP images');
  });

  it('formats sizes as a person reads them', () => {
    expect(formatBytes(25 * MiB)).toBe('25 MB');
    expect(formatBytes(1.5 * MiB)).toBe('1.5 MB');
    expect(formatBytes(800 * 1024)).toBe('800 KB');
    expect(formatBytes(10)).toBe('1 KB');
  });

  it('refuses a type or a size before uploading, naming the file and the rule', () => {
    expect(checkUpload({ name: 'a.PNG', type: 'IMAGE/PNG', size: 3 }, limits)).toBe('image/png');
    expect(() => checkUpload({ name: 'photo.heic', type: 'image/heic', size: 3 }, limits)).toThrow(
      "photo.heic can't be uploaded: this server accepts PNG and JPEG images, MP4 videos, MP3 audio and PDF and plain text files.",
    );
    expect(() => checkUpload({ name: 'blob', type: '', size: 3 }, limits)).toThrow(/blob can't be uploaded/);
    expect(() =>
      checkUpload({ name: 'big.mp4', type: 'video/mp4', size: 40 * MiB + 300_000 }, limits),
    ).toThrow('big.mp4 is 40.3 MB; files can be up to 25 MB.');
  });
});

describe('validator messages in words', () => {
  it('turns a named field into its label', () => {
    expect(humaniseInvalidInput('body.password: must be at least 8 characters (at most 1024)')).toBe(
      'Password must be at least 8 characters (at most 1024)',
    );
    expect(humaniseInvalidInput('body.new_password: must be at least 8 characters')).toBe(
      'The new password must be at least 8 characters.',
    );
    expect(humaniseInvalidInput('body.username: must be 2-32 characters of a-z, 0-9, _ and .')).toBe(
      'Username must be 2-32 characters of a-z, 0-9, _ and .',
    );
    expect(humaniseInvalidInput('query.limit: must be <= 100')).toBe('Limit must be <= 100.');
    expect(humaniseInvalidInput('Something else')).toBe('Something else');
  });

  it('is what forms show for invalid_input, and leaves other codes as the server said', () => {
    expect(errorMessage(new ApiError(400, 'invalid_input', 'body.code: must be 6 digits'))).toBe(
      'The code must be 6 digits.',
    );
    expect(errorMessage(new ApiError(409, 'username_taken', 'Username taken'))).toBe('Username taken');
  });
});
