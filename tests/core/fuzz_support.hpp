#pragma once
// The deterministic mutation fuzzer's two parts the fuzz tests share: a seeded random
// number generator and a mutator that knows which bytes matter to text parsers.
#include <cstdint>
#include <string>
#include <vector>

namespace qiao::test {

// splitmix64: tiny, fast, and the same sequence everywhere.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

private:
    std::uint64_t state_;
};

// Bytes that matter to these parsers, tried more often than plain random ones.
inline constexpr unsigned char kInteresting[] = {'=', '"', '#', '\n', '\r', '\t', ' ', '\0', '{', '}', '[', ']',
                                                 ',', ':', '\\', '-', 'x', '0', '9', 0x80, 0xBF, 0xC0, 0xE6,
                                                 0xED, 0xF0, 0xF4, 0xFF};

inline std::string mutate(Random& random, const std::vector<std::string>& corpus) {
    std::string data = corpus[random.below(corpus.size())];
    const std::size_t rounds = 1 + random.below(4);
    for (std::size_t round = 0; round < rounds; ++round) {
        const auto byte = [&]() -> char {
            return static_cast<char>(random.chance(50) ? kInteresting[random.below(sizeof kInteresting)]
                                                       : random.below(256));
        };
        switch (random.below(7)) {
        case 0:  // flip a bit
            if (!data.empty()) data[random.below(data.size())] ^= static_cast<char>(1u << random.below(8));
            break;
        case 1:  // replace a byte
            if (!data.empty()) data[random.below(data.size())] = byte();
            break;
        case 2: {  // insert a few bytes
            const std::size_t at = random.below(data.size() + 1);
            const std::size_t count = 1 + random.below(4);
            for (std::size_t i = 0; i < count; ++i) data.insert(data.begin() + static_cast<long>(at), byte());
            break;
        }
        case 3: {  // delete a range
            if (data.empty()) break;
            const std::size_t at = random.below(data.size());
            data.erase(at, 1 + random.below(16));
            break;
        }
        case 4:  // truncate
            data.resize(random.below(data.size() + 1));
            break;
        case 5: {  // splice: the start of this one onto the end of another
            const std::string& other = corpus[random.below(corpus.size())];
            const std::size_t keep = random.below(data.size() + 1);
            const std::size_t from = random.below(other.size() + 1);
            data = data.substr(0, keep) + other.substr(from);
            break;
        }
        case 6: {  // copy a piece of the input elsewhere in it
            if (data.empty()) break;
            const std::size_t at = random.below(data.size());
            const std::string piece = data.substr(at, 1 + random.below(24));
            data.insert(random.below(data.size() + 1), piece);
            break;
        }
        }
    }
    return data;
}

}  // namespace qiao::test
