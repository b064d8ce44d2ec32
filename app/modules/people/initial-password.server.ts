import { randomInt } from "node:crypto";
import { passwordProblem } from "~/modules/auth/password-policy";

// No look-alikes (0/O, 1/l/I) so the password survives being read aloud or copied from paper.
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A random 10-character initial password that passes the password policy. */
export function generateInitialPassword(length = 10): string {
  for (;;) {
    let password = "";
    for (let i = 0; i < length; i++) password += ALPHABET[randomInt(ALPHABET.length)];
    if (/\d/.test(password) && /[a-z]/i.test(password) && !passwordProblem(password)) return password;
  }
}
