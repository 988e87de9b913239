// Cognito's SRP-6a, the client's side, with BigInt and WebCrypto (no library): what
// amazon-cognito-identity-js and Amplify compute for USER_SRP_AUTH / PASSWORD_VERIFIER.
const N_HEX =
  "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879" +
  "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B" +
  "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA4836" +
  "1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804" +
  "F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6" +
  "955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64" +
  "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D226" +
  "1AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2" +
  "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
const N = BigInt("0x" + N_HEX);
const G = 2n;
const encoder = new TextEncoder();

function mod(value, m) {
  const r = value % m;
  return r < 0n ? r + m : r;
}

function modPow(base, exponent, m) {
  let result = 1n;
  let b = mod(base, m);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

// Hex with a leading "0" when odd, "00" when it would read as negative (8-f first).
export function padHex(value) {
  const text = typeof value === "string" ? value : value.toString(16);
  if (text.length % 2) return "0" + text;
  return "89abcdefABCDEF".includes(text[0]) ? "00" + text : text;
}

function hexToBytes(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}

function bytesToHex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256Hex(bytes) {
  return bytesToHex(await crypto.subtle.digest("SHA-256", bytes));
}

async function hmac(keyBytes, messageBytes) {
  const key = await crypto.subtle.importKey(
    "raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, messageBytes));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// "Tue Nov 3 23:45:37 UTC 2026": English names, the day without a leading zero.
export function cognitoTimestamp(date = new Date()) {
  const two = (n) => String(n).padStart(2, "0");
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

// A new client exchange: { a, A (hex) }.
export function start() {
  const random = crypto.getRandomValues(new Uint8Array(128));
  const a = mod(BigInt("0x" + bytesToHex(random)), N);
  return { a, srpA: modPow(G, a, N).toString(16) };
}

// The PASSWORD_VERIFIER answer for the challenge parameters, given the user's password.
export async function passwordClaim(exchange, poolId, password, parameters) {
  const poolName = poolId.split("_")[1];
  const userId = parameters.USER_ID_FOR_SRP;
  const bigA = modPow(G, exchange.a, N);
  const bigB = BigInt("0x" + parameters.SRP_B);
  const k = BigInt("0x" + (await sha256Hex(hexToBytes(padHex(N) + padHex(G)))));
  const u = BigInt("0x" + (await sha256Hex(hexToBytes(padHex(bigA) + padHex(bigB)))));
  const secret = await sha256Hex(encoder.encode(`${poolName}${userId}:${password}`));
  const x = BigInt("0x" + (await sha256Hex(hexToBytes(padHex(parameters.SALT) + secret))));
  const s = modPow(bigB - k * modPow(G, x, N), exchange.a + u * x, N);
  const prk = await hmac(hexToBytes(padHex(u)), hexToBytes(padHex(s)));
  const key = (await hmac(prk, concat(encoder.encode("Caldera Derived Key"), new Uint8Array([1])))).slice(0, 16);
  const timestamp = cognitoTimestamp();
  const block = Uint8Array.from(atob(parameters.SECRET_BLOCK), (c) => c.charCodeAt(0));
  const message = concat(encoder.encode(poolName), encoder.encode(userId), block, encoder.encode(timestamp));
  const signature = btoa(String.fromCharCode(...(await hmac(key, message))));
  return {
    USERNAME: parameters.USERNAME,
    PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
    PASSWORD_CLAIM_SIGNATURE: signature,
    TIMESTAMP: timestamp,
  };
}
