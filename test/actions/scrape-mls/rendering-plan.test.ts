import { describe, expect, it } from 'vitest';
import type { PageReading } from '../../../actions/scrape-mls/src/page-script.js';
import {
  RenderingPlan,
  httpReadingComplete,
  readingsAgree,
} from '../../../actions/scrape-mls/src/rendering-plan.js';

const reading = (over: Partial<PageReading> = {}): PageReading => ({
  captchaSiteKey: null,
  blockPage: false,
  listingLinks: [],
  resultRows: [],
  nextPage: null,
  fields: { mlsNumber: '6012345', price: '$389,900', address: '1 W Main St, Phoenix, AZ 85033' },
  jsonLd: [],
  ...over,
});

describe('RenderingPlan', () => {
  it('starts every page type in the browser and moves it to HTTP after 3 agreements in a row', () => {
    const plan = new RenderingPlan();
    expect(plan.planFor('listing')).toEqual({ mode: 'browser', recheck: false });
    plan.compared('listing', true);
    plan.compared('listing', true);
    expect(plan.planFor('listing').mode).toBe('browser');
    plan.compared('listing', true);
    expect(plan.planFor('listing').mode).toBe('http');
    // Learned per type: results pages are still in the browser.
    expect(plan.planFor('search').mode).toBe('browser');
  });

  it('starts counting again after a disagreement', () => {
    const plan = new RenderingPlan();
    plan.compared('listing', true);
    plan.compared('listing', true);
    plan.compared('listing', false);
    plan.compared('listing', true);
    plan.compared('listing', true);
    expect(plan.planFor('listing').mode).toBe('browser');
  });

  it('rechecks one HTTP page in 100 in the browser by default, and goes back on a difference', () => {
    const plan = new RenderingPlan();
    for (let i = 0; i < 3; i += 1) plan.compared('listing', true);
    const plans = Array.from({ length: 200 }, () => plan.planFor('listing'));
    expect(plans.every((p) => p.mode === 'http')).toBe(true);
    expect(plans.filter((p) => p.recheck)).toHaveLength(2);
    plan.compared('listing', false);
    expect(plan.planFor('listing').mode).toBe('browser');
    expect(plan.modes().listing).toEqual({ mode: 'browser', switches: 2 });
  });

  it('sends a type back to the browser when an HTTP reading is incomplete, but not for a CAPTCHA', () => {
    const plan = new RenderingPlan({ setting: 'adaptive', agreementsToSwitch: 1, recheckShare: 0 });
    plan.compared('search', true);
    plan.fellShort('search', 'captcha');
    expect(plan.planFor('search')).toEqual({ mode: 'http', recheck: false });
    plan.fellShort('search', 'incomplete');
    expect(plan.planFor('search').mode).toBe('browser');
  });

  it('keeps to one mode when the setting says so', () => {
    const browser = new RenderingPlan({
      setting: 'browser',
      agreementsToSwitch: 1,
      recheckShare: 0,
    });
    browser.compared('listing', true);
    expect(browser.planFor('listing').mode).toBe('browser');
    const http = new RenderingPlan({ setting: 'http', agreementsToSwitch: 1, recheckShare: 0.5 });
    http.fellShort('listing', 'incomplete');
    expect(http.planFor('listing')).toEqual({ mode: 'http', recheck: false });
  });

  it('refuses a policy it cannot follow, naming the values', () => {
    expect(
      () => new RenderingPlan({ setting: 'adaptive', agreementsToSwitch: 0, recheckShare: 2 }),
    ).toThrow('expected agreementsToSwitch >= 1 and recheckShare in [0, 1], got 0 and 2');
  });
});

describe('readingsAgree and httpReadingComplete', () => {
  it('compares what the crawl uses of each page type', () => {
    const results = reading({ listingLinks: ['http://s/listing/1'], nextPage: 'http://s/p2' });
    expect(readingsAgree('search', results, { ...results })).toBe(true);
    expect(readingsAgree('search', results, { ...results, nextPage: null })).toBe(false);
    const listing = reading();
    // Field order does not matter; a missing field does.
    const reordered = reading({
      fields: {
        address: listing.fields.address,
        price: listing.fields.price,
        mlsNumber: '6012345',
      },
    });
    expect(readingsAgree('listing', listing, reordered)).toBe(true);
    expect(readingsAgree('listing', listing, reading({ fields: {} }))).toBe(false);
    expect(readingsAgree('listing', listing, reading({ captchaSiteKey: 'k' }))).toBe(false);
  });

  it('calls an HTTP reading complete only with what the crawl needs', () => {
    expect(httpReadingComplete('search', reading())).toBe(false);
    expect(httpReadingComplete('search', reading({ listingLinks: ['http://s/listing/1'] }))).toBe(
      true,
    );
    expect(httpReadingComplete('listing', reading())).toBe(true);
    expect(httpReadingComplete('listing', reading({ fields: { mlsNumber: '1' } }))).toBe(false);
    expect(
      httpReadingComplete('listing', reading({ fields: {}, jsonLd: [{ '@type': 'House' }] })),
    ).toBe(true);
  });
});
