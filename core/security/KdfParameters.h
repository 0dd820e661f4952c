#pragma once

#include <QtGlobal>

// Argon2id cost parameters. They are stored beside the wrapped key, so a vault made with
// older (lower) costs still opens, and changing the passphrase re-derives with today's.
struct KdfParameters
{
    quint32 memoryKiB = 0;
    quint32 iterations = 0;
    quint32 parallelism = 0;

    // RFC 9106 section 4, the second recommended option: m = 64 MiB, t = 3, p = 4
    // (with a 128-bit salt and a 256-bit tag), for machines where 2 GiB is too much memory.
    static KdfParameters recommended() { return KdfParameters{64 * 1024, 3, 4}; }

    friend bool operator==(const KdfParameters& a, const KdfParameters& b)
    {
        return a.memoryKiB == b.memoryKiB && a.iterations == b.iterations && a.parallelism == b.parallelism;
    }
    friend bool operator!=(const KdfParameters& a, const KdfParameters& b) { return !(a == b); }
};
