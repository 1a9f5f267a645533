/// Makes the config fuzz targets' inputs: a generated config or one of the repository's, with
/// a few structure-aware mutations of its tree, and sometimes of its bytes.
public enum ConfigFuzzer {
    public static func input(_ random: inout SplitMix64) -> FuzzInput {
        let seeds = ConfigCorpus.seeds
        var recipe: [String] = []
        var tree: YAMLTree?
        var text = ""
        switch random.weighted([55, 35, 10]) {
        case 0:
            var generator = ConfigGenerator(random: SplitMix64(seed: random.next()))
            tree = generator.config()
            recipe.append("generated")
        case 1:
            let seed = random.pick(seeds)
            tree = seed.tree
            text = seed.text
            recipe.append(seed.name)
        default:
            let seed = random.pick(seeds)
            text = seed.text
            recipe.append(seed.name + " as written")
        }
        if var mutated = tree {
            let count = random.weighted([15, 40, 25, 12, 8])
            var mutator = YAMLTreeMutator(random: SplitMix64(seed: random.next()))
            for _ in 0..<count { mutator.mutate(&mutated) }
            recipe += mutator.applied
            text = YAMLEmitter.emit(mutated)
        }
        var bytes = Array(text.utf8)
        if random.chance(tree == nil ? 90 : 20) {
            var mutator = TextMutator(random: SplitMix64(seed: random.next()))
            for _ in 0..<random.int(in: 1...3) { mutator.mutate(&bytes, donor: random.pick(seeds).text) }
            recipe += mutator.applied
        }
        return FuzzInput(bytes: bytes, recipe: recipe.joined(separator: ", "))
    }
}
