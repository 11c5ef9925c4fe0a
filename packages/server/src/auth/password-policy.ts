// The password rules (等保 2.0 identity authentication: complexity, no obvious passwords):
// at least 8 characters (not counting spaces at either end), at least 3 of the 4 kinds — lower-case
// letters, upper-case letters, digits, other characters (punctuation, Chinese…) — not the username
// (nor containing it), not a well-known password, not one character repeated.

export const MIN_PASSWORD_LENGTH = 8;

/** Passwords every cracking list starts with; compared without case. */
const BLOCKLIST = new Set([
  'password', 'password1', 'password12', 'password123', 'password1!', 'password@123', 'p@ssw0rd', 'p@ssword', 'passw0rd', 'p@ssw0rd1', 'p@ssw0rd123',
  'admin123', 'admin@123', 'admin123!', 'admin1234', 'administrator', 'root1234', 'root@123', 'qwer1234', 'qwe123!@#', 'qwerty123', 'qwerty12', 'qwer!234',
  '1qaz2wsx', '1qaz@wsx', '1qaz!qaz', 'zaq12wsx', 'abc12345', 'abcd1234', 'abc@1234', 'abc123!@#', 'a1234567', 'aa123456', 'test1234', 'test@123',
  'welcome1', 'welcome123', 'letmein1', 'iloveyou1', 'changeme', 'changeme1', 'huawei123', 'huawei@123', 'woaini1314', 'leitai123', 'leitai@123',
  '12345678', '123456789', '1234567890', '87654321', '11111111', '88888888', '00000000', '12341234', '123123123', '1q2w3e4r', '1q2w3e4r5t',
]);

export interface PasswordProblem {
  zh: string;
  en: string;
}

/** What is wrong with `password` for `username`; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  const trimmed = password.trim();
  if ([...trimmed].length < MIN_PASSWORD_LENGTH) {
    out.push({ zh: `至少 ${MIN_PASSWORD_LENGTH} 个字符（首尾空格不算）`, en: `at least ${MIN_PASSWORD_LENGTH} characters (spaces at either end do not count)` });
  }
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}\s]/u].filter((re) => re.test(password)).length;
  if (kinds < 3) {
    out.push({ zh: '须包含小写字母、大写字母、数字、其他符号中的至少三类', en: 'use at least three of: lower-case letters, upper-case letters, digits, other characters' });
  }
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && (lower.includes(name) || lower.includes([...name].reverse().join('')))) {
    out.push({ zh: '不能包含用户名', en: 'must not contain the username' });
  }
  if (BLOCKLIST.has(lower.trim())) out.push({ zh: '这是常见的弱密码', en: 'is a well-known weak password' });
  if (trimmed.length > 0 && new Set(trimmed).size <= 2) out.push({ zh: '不能由一两个字符重复组成', en: 'must not repeat one or two characters' });
  return out;
}

export function describeProblems(problems: PasswordProblem[]): { zh: string; en: string } {
  return {
    zh: `密码不符合要求：${problems.map((p) => p.zh).join('；')}`,
    en: `The password does not meet the rules: ${problems.map((p) => p.en).join('; ')}`,
  };
}
