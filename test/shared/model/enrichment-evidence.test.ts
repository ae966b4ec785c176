import { describe, expect, it } from 'vitest';
import {
  countStatedFields,
  fieldsTheTextStates,
} from '../../../shared/model/enrichment-evidence.js';
import { samples } from './samples.js';

const fields = samples.enrichment.fields;

describe('fields a listing text states', () => {
  it('names the fields whose topic the text speaks of, whatever the value', () => {
    expect(
      fieldsTheTextStates(
        '3 bed 2 bath condo. No HOA. Remodeled in 2019. Owned solar. RV gate. Mountain views.',
      ),
    ).toEqual([
      ...['propertySubtype', 'bedrooms', 'bathrooms', 'renovated', 'renovationYear', 'hoa'],
      ...['solar', 'solarLeased', 'views', 'lotFeatures', 'summary'],
    ]);
    // A community pool is not the home's; a subdivision called "Desert View" is not a view.
    expect(fieldsTheTextStates('Home in Desert View 85031 with a community pool.')).toEqual([
      'summary',
    ]);
  });

  it('counts a stated field left empty as missing, and an unstated one not at all', () => {
    const text = 'Two-story home. No HOA. Covered patio. Mountain views.';
    const full = { ...fields, stories: 2, hoa: false, features: ['covered patio'] };
    expect(countStatedFields([{ fields: { ...full, views: ['mountain'] }, text }])).toEqual({
      stated: 5,
      filled: 5,
    });
    const blank = { ...full, stories: null, hoa: null, features: [], views: [], summary: null };
    // The sample's filled roof, pool and garage count for nothing: this text does not speak of them.
    expect(countStatedFields([{ fields: blank, text }])).toEqual({ stated: 5, filled: 0 });
    expect(countStatedFields([])).toEqual({ stated: 0, filled: 0 });
  });
});
