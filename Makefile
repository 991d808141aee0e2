# Motcua - one program, `motcua`, and the two commands that matter:
#   make run    set up everything on a fresh Debian 12 machine and serve
#   make test   the same set-up in a throwaway directory, then every test
.SUFFIXES:

CC	 = cc
FUZZCC	 = clang
PKGS	 = libpq jansson libxml-2.0 libxslt libcrypto xmlsec1-openssl
PKGCFLAGS != pkg-config --cflags $(PKGS) 2>/dev/null || true
PKGLIBS	 != pkg-config --libs $(PKGS) 2>/dev/null || true
WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wformat=2
BASEFLAGS = -std=c11 -D_GNU_SOURCE -Ifcgi $(PKGCFLAGS) $(WARN) -MMD -MP
RELFLAGS = -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
ASANFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=undefined
FUZZFLAGS = -O1 -g -fno-omit-frame-pointer \
	   -fsanitize=fuzzer-no-link,address,undefined
LIBS	 = -lfcgi -largon2 -lqrencode -lunistring $(PKGLIBS) -lhpdf -lcurl

# Everything under fcgi/ but the entry point goes into a library, so that
# unit tests and fuzz targets link just what they use.
LIBSRC	 != find fcgi -name '*.c' ! -name main.c | sort
TESTSRC	 != find tests/unit -name 'test_*.c' | sort
FUZZSRC	 != find tests/fuzz -name 'fuzz_*.c' | sort

REL_OBJ	 = $(LIBSRC:%.c=build/rel/%.o)
ASAN_OBJ = $(LIBSRC:%.c=build/asan/%.o)
FUZZ_OBJ = $(LIBSRC:%.c=build/fuzz/%.o)
TESTS	 = $(TESTSRC:tests/unit/%.c=build/asan/tests/%)
FUZZERS	 = $(FUZZSRC:tests/fuzz/%.c=build/fuzz/tests/%)

all: build/motcua

build/rel/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(RELFLAGS) $(CFLAGS) -c $< -o $@

build/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(ASANFLAGS) $(CFLAGS) -c $< -o $@

build/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZCC) $(BASEFLAGS) $(FUZZFLAGS) $(CFLAGS) -c $< -o $@

build/rel/libmotcua.a: $(REL_OBJ)
	rm -f $@ && ar rcs $@ $(REL_OBJ)

build/asan/libmotcua.a: $(ASAN_OBJ)
	rm -f $@ && ar rcs $@ $(ASAN_OBJ)

build/fuzz/libmotcua.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $(FUZZ_OBJ)

build/motcua: build/rel/fcgi/main.o build/rel/libmotcua.a
	$(CC) $(RELFLAGS) -o $@ build/rel/fcgi/main.o build/rel/libmotcua.a $(LIBS)

build/asan/motcua: build/asan/fcgi/main.o build/asan/libmotcua.a
	$(CC) $(ASANFLAGS) -o $@ build/asan/fcgi/main.o build/asan/libmotcua.a $(LIBS)

build/asan/tests/%: tests/unit/%.c build/asan/libmotcua.a
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(ASANFLAGS) -Wno-missing-prototypes -o $@ $< \
	    build/asan/libmotcua.a $(LIBS) -lcmocka

# Programs that call the application layer alone (tests/http/t_app.py).
build/asan/tests/app_%: tests/app/%.c build/asan/libmotcua.a
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(ASANFLAGS) -Wno-missing-prototypes -o $@ $< \
	    build/asan/libmotcua.a $(LIBS)

build/fuzz/tests/%: tests/fuzz/%.c build/fuzz/libmotcua.a
	@mkdir -p $(@D)
	$(FUZZCC) $(BASEFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined \
	    -Wno-missing-prototypes -o $@ $< build/fuzz/libmotcua.a $(LIBS)

build/bench/fcgi_min: bench/fcgi_min.c
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(RELFLAGS) -o $@ bench/fcgi_min.c $(LIBS)

build/bench/defs_bench: bench/defs_bench.c build/rel/libmotcua.a
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(RELFLAGS) -o $@ bench/defs_bench.c \
	    build/rel/libmotcua.a $(LIBS)

asan: build/asan/motcua
APPSRC	 != find tests/app -name '*.c' | sort
APPTESTS = $(APPSRC:tests/app/%.c=build/asan/tests/app_%)

unit: $(TESTS) $(APPTESTS)
fuzzers: $(FUZZERS)

deps:
	@scripts/deps.sh

run: deps
	@$(MAKE) -s all
	@scripts/run.sh

test: deps
	@scripts/test.sh

fuzz: deps
	@$(MAKE) -s fuzzers
	@scripts/fuzz.sh $${FUZZ_SECONDS:-300}

bench: deps
	@$(MAKE) -s all build/bench/fcgi_min build/bench/defs_bench
	@scripts/bench.sh

clean:
	rm -rf build

.PHONY: all asan unit fuzzers deps run test fuzz bench clean

-include $(REL_OBJ:.o=.d) $(ASAN_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) \
	build/rel/fcgi/main.d build/asan/fcgi/main.d
