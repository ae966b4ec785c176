// The budget and runner-signal stop is shared with scrape-mls; collect-county's modules and tests
// import it from here.
export {
  BudgetSpent,
  collectionStop,
  type CollectionStop,
  type Sleep,
} from '../../../shared/collection-stop.js';
