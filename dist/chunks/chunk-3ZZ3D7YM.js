import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  deriveKey,
  newSalt
} from "./chunk-KIOB4Y4M.js";
import {
  ConfigurationError
} from "./chunk-24OGRAKZ.js";

// shared/crypto/sealed-text.ts
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
var PREFIX = "phxseal1";
var TAG_BYTES = 16;
async function textSealer(passphrase) {
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt);
  return {
    seal(text) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      const body = Buffer.concat([
        cipher.update(text, "utf8"),
        cipher.final(),
        cipher.getAuthTag()
      ]);
      return [PREFIX, ...[salt, nonce, body].map((part) => part.toString("base64url"))].join(".");
    }
  };
}
function textOpener(passphrase, input) {
  const keys = /* @__PURE__ */ new Map();
  const refuse = () => new ConfigurationError(
    `input '${input}': sealed personal data does not open with this passphrase (a wrong passphrase, or the artifact was changed)`
  );
  return {
    async open(sealed) {
      const [prefix, salt, nonce, body] = sealed.split(".");
      if (prefix !== PREFIX || !salt || !nonce || !body) {
        throw refuse();
      }
      if (!keys.has(salt)) keys.set(salt, deriveKey(passphrase, Buffer.from(salt, "base64url")));
      const key = await keys.get(salt);
      const bytes = Buffer.from(body, "base64url");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const text = decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES));
        return Buffer.concat([text, decipher.final()]).toString("utf8");
      } catch {
        throw refuse();
      }
    }
  };
}

// shared/privacy/county-personal.ts
var RAW_OWNER_KEPT = [
  "MostCurrentDeed",
  "DeedDate",
  "SaleDate",
  "SalePrice",
  "DeedType",
  "Redacted"
];
var RAW_RENTAL_KEPT = [
  "ParcelNumber",
  "SitusAddress",
  "PropertyType",
  "YearBuilt",
  "OwnershipType",
  "DateRegistered",
  "LastUpdate"
];
var isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
function keepOnly(block, kept) {
  if (!isObject(block)) return block;
  return Object.fromEntries(Object.entries(block).filter(([key]) => kept.includes(key)));
}
function withholdPersonal(record, sealer) {
  if (isObject(record.personal)) return record;
  const owner = isObject(record.owner) ? record.owner : null;
  const rental = isObject(record.rental) ? record.rental : null;
  const personal = {
    owner,
    rentalOwnerName: rental?.ownerName ?? null,
    rentalAgentName: rental?.agentName ?? null
  };
  const raw = isObject(record.raw) ? { ...record.raw } : record.raw;
  if (isObject(raw)) {
    if ("Owner" in raw) raw.Owner = keepOnly(raw.Owner, RAW_OWNER_KEPT);
    if ("RentalInformation" in raw) {
      raw.RentalInformation = keepOnly(raw.RentalInformation, RAW_RENTAL_KEPT);
    }
  }
  return {
    ...record,
    owner: owner && {
      ...owner,
      ...{ name: null, coOwners: null, inCareOf: null, mailingAddress: null },
      ...{ mailingCity: null, mailingState: null, mailingZip: null, mailingCountry: null }
    },
    rental: rental && { ...rental, ownerName: null, agentName: null },
    raw,
    personal: { sealed: sealer ? sealer.seal(JSON.stringify(personal)) : null }
  };
}
async function revealPersonal(parcel, opener) {
  const sealed = parcel.personal?.sealed;
  if (sealed == null || opener === null) return parcel;
  const personal = JSON.parse(await opener.open(sealed));
  const revealed = { ...parcel, owner: personal.owner };
  if (parcel.rental) {
    revealed.rental = {
      ...parcel.rental,
      ownerName: personal.rentalOwnerName,
      agentName: personal.rentalAgentName
    };
  }
  delete revealed.personal;
  return revealed;
}
function keepStoredPersonal(parcel, stored) {
  if (parcel.personal === void 0) return parcel;
  const kept = { ...parcel, owner: stored?.owner ?? parcel.owner ?? null };
  if (parcel.rental) {
    kept.rental = {
      ...parcel.rental,
      ownerName: stored?.rental?.ownerName ?? null,
      agentName: stored?.rental?.agentName ?? null
    };
  }
  delete kept.personal;
  return kept;
}

export {
  textSealer,
  textOpener,
  withholdPersonal,
  revealPersonal,
  keepStoredPersonal
};
