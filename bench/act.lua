-- bench/act.lua: wrk -s script of the staff actions benchmark
-- (scripts/bench.sh): POST /api/v1/dossiers/{code}/actions/{action}
-- as a clerk (BENCH_TOKEN: the bearer token), one action on each of
-- many fresh dossiers: the codes are read from BENCH_CODES (a file,
-- one a line), and thread t of BENCH_THREADS takes every
-- BENCH_THREADS-th code from the t-th, so no dossier is acted on twice.
-- BENCH_ACTION names the action (default receive).  Any answer but 200
-- is counted and reported by done() as "non-200: N" (the first few are
-- printed as they come); running out of codes is reported as
-- "out: N" (bench/answers.lua).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") ..
    "answers.lua")
local token = os.getenv("BENCH_TOKEN") or ""
local action = os.getenv("BENCH_ACTION") or "receive"
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
local file = os.getenv("BENCH_CODES")
function init(args)
	counter = 0
	bad = 0
	out = 0
	codes = {}
	local i = 0
	for line in io.lines(file) do
		if i % nthreads == tid - 1 then
			table.insert(codes, line)
		end
		i = i + 1
	end
end

function request()
	counter = counter + 1
	local code = codes[counter]
	if code == nil then
		out = out + 1
		code = "none"
	end
	return wrk.format("POST", "/api/v1/dossiers/" .. code .. "/actions/"
	    .. action, {
		["Content-Type"] = "application/json",
		["Accept"] = "application/json",
		["Authorization"] = "Bearer " .. token,
	}, "{}")
end

answers(200, "act", { "out" })
