import { describe, expect, it } from 'vitest';
import { issuesByNode } from './filter-issues';

describe('issuesByNode', () => {
  it('puts client and server messages on the node they name', () => {
    const byNode = issuesByNode([
      { path: 'filter.children.1.value', message: 'Enter a value' },
      { path: 'body.filter.children.1.operator', message: 'Operator not allowed' },
      { path: 'body.filter.children.0.children.2.value.1', message: 'Not one of the options' },
      { path: 'body.filter', message: 'Too deep' },
      { path: 'body.name', message: 'Name is required' },
    ]);
    expect(Object.fromEntries(byNode)).toEqual({
      'filter.children.1': ['Enter a value', 'Operator not allowed'],
      'filter.children.0.children.2': ['Not one of the options'],
      filter: ['Too deep'],
    });
  });
});
