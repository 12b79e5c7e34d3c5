// Integration and browser tests run the production build, so build it once before the suite.
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";

export default function setup() {
  buildIfNeeded();
}
