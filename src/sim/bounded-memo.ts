/**
 * A pure function of a string, remembered per argument: the answer map is emptied when it holds
 * `max` answers, since arguments (names typed, paths, image references) are not a closed set.
 * An undefined answer is remembered too; a call that throws remembers nothing.
 */
export function boundedMemo<V>(max: number, compute: (key: string) => V): (key: string) => V {
  const answers = new Map<string, V>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as V;
    const value = compute(key);
    if (answers.size >= max) answers.clear();
    answers.set(key, value);
    return value;
  };
}
