import { describe, expect, it } from 'vitest';
import { auditQuery } from '../../main/app/logic/auditFilter';

describe('audit log filters', () => {
  it('takes the filters of the page URL for the server, leaving blank and unknown ones out', () => {
    const params = new URLSearchParams('actor=alice&action=&target=%20groups/%20&since=1700000000000&q=old');
    expect(auditQuery(params)).toEqual({ actor: 'alice', target: 'groups/', since: '1700000000000' });
  });
});
