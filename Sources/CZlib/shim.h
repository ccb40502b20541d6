// zlib, for the gzip compression of Bitstring Status Lists.
#include <zlib.h>
