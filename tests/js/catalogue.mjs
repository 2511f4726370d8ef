// The shipped interface catalogues (hooks/coursekit/i18n/<language>.yml) as the
// manifest hands them to the browser. Their format is one `key: "text"` line per
// key with a JSON string (tests/unit/test_i18n.py holds every catalogue to it),
// so no YAML library is needed here.
import { readFileSync } from "node:fs";

const FOLDER = new URL("../../hooks/coursekit/i18n/", import.meta.url);
const LINE = /^([A-Za-z0-9_.-]+): (".*")$/;

/** Every key and text of one shipped catalogue. */
export function catalogue(language) {
  const strings = {};
  for (const line of readFileSync(new URL(`${language}.yml`, FOLDER), "utf8").split("\n")) {
    const match = LINE.exec(line);
    if (match) strings[match[1]] = JSON.parse(match[2]);
  }
  return strings;
}
