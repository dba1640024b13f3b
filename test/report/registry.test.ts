import { expect } from 'chai';
import { formatNames, isFormatName, loadFormatter } from '../../lib/report/index.js';
import { cleanReport } from './sample-reports.js';

describe('report format registry', () => {
  it('lists the formats, text first', () => {
    expect([...formatNames]).to.deep.equal(['text', 'json', 'sarif', 'junit', 'markdown', 'github', 'atlantis', 'gitlab']);
    expect(Object.isFrozen(formatNames)).to.equal(true);
  });

  for (const name of ['text', 'json', 'sarif', 'junit', 'markdown', 'github', 'atlantis', 'gitlab']) {
    it(`loads ${name}: a formatter that ends its output with a newline`, async () => {
      const formatter = await loadFormatter(name);
      expect(formatter).to.be.a('function');
      expect(formatter(cleanReport, { color: false }).endsWith('\n')).to.equal(true);
    });
  }

  for (const name of ['yaml', '', 'Text', 'constructor', '__proto__', 'toString']) {
    it(`refuses ${JSON.stringify(name)} with a sentence naming the formats`, async () => {
      expect(isFormatName(name)).to.equal(false);
      let message = '';
      await loadFormatter(name).catch((error: Error) => (message = error.message));
      expect(message).to.equal(`Unknown format ${JSON.stringify(name)}; choose one of text, json, sarif, junit, markdown, github, atlantis, gitlab.`);
    });
  }
});
