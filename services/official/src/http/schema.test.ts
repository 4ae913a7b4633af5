import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { createAssetBody } from '../assets/asset.schema.ts';
import { CreateChannelBody } from '../channels/channel.schema.ts';
import { normaliseChannelName } from '../channels/channel.service.ts';
import { CreateMessageBody } from '../messages/message.schema.ts';
import { ServerNameBody } from '../servers/server.schema.ts';
import { PermissionSetInput } from './schema.ts';

const firstError = (check: ReturnType<typeof TypeCompiler.Compile>, value: unknown) =>
  check.Check(value) ? undefined : check.Errors(value).First()?.message;

describe('input schemas carry the rules the services check, with their messages', () => {
  it('a name is 1-100 characters once trimmed, however much whitespace surrounds it', () => {
    const check = TypeCompiler.Compile(ServerNameBody);
    for (const name of ['a', ` ${'x'.repeat(100)}\n`, `a${' '.repeat(98)}b`])
      expect(check.Check({ name })).toBe(true);
    for (const name of ['', '   ', 'x'.repeat(101), ` ${'x'.repeat(101)} `])
      expect(firstError(check, { name })).toBe('must be 1-100 characters');
  });

  it('a channel name counts each inner whitespace run as the one "-" it becomes', () => {
    const check = TypeCompiler.Compile(CreateChannelBody);
    const cases = [
      'a',
      'a  b',
      '  a\t\tb ',
      `${'a '.repeat(50).trim()}`,
      `${'a  '.repeat(50)}`,
      'x'.repeat(100),
      'x'.repeat(101),
      ' \t ',
      `${'a  '.repeat(50)}b`,
    ];
    for (const name of cases) {
      let serviceOk = true;
      try {
        normaliseChannelName(name);
      } catch {
        serviceOk = false;
      }
      expect(check.Check({ name }), JSON.stringify(name)).toBe(serviceOk);
    }
    expect(firstError(check, { name: ' ' })).toBe('must be 1-100 characters');
  });

  it('content is at most 4000 characters once trimmed; blank is left to the service (attachments)', () => {
    const check = TypeCompiler.Compile(CreateMessageBody);
    for (const content of ['', '  ', `  ${'a'.repeat(4000)}\n`]) expect(check.Check({ content })).toBe(true);
    for (const content of ['a'.repeat(4001), 'a'.repeat(8001)])
      expect(firstError(check, { content })).toBe('must be at most 4000 characters');
  });

  it('a permission set is a decimal string', () => {
    const check = TypeCompiler.Compile(PermissionSetInput);
    expect(check.Check('3072')).toBe(true);
    for (const bad of ['', '-1', '0x10', '1'.repeat(20)])
      expect(firstError(check, bad)).toBe('must be a decimal string');
  });

  it('the content-type enum documents the configured types; the service answers for them', () => {
    const body = createAssetBody({ ASSET_CONTENT_TYPES: ['image/PNG'], ASSET_MAX_BYTES: 10 });
    expect(body.properties.content_type.enum).toEqual(['image/png']);
    // unsupported_content_type (400) and 413 come from the service, not from validation
    expect(TypeCompiler.Compile(body).Check({ filename: 'a', content_type: 'text/html', size: 11 })).toBe(
      true,
    );
  });
});
