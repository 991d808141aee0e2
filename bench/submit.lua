-- bench/submit.lua: wrk -s script of the submission benchmark
-- (scripts/bench.sh): POST /api/v1/services/transcript-certification/
-- dossiers as the demo citizens in turn (BENCH_TOKEN: their bearer
-- tokens, comma-separated; a new asker on a worker's connection makes
-- it send the row-level security context), a valid JSON body for one
-- of the four demo schools and one of its pupils in turn, and a fresh
-- Idempotency-Key per request: BENCH_NONCE (one per
-- round), the thread's number and a counter.  Any answer but 201 is
-- counted and reported by done() as "non-201: N" (the first few are
-- printed as they come; bench/answers.lua).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") ..
    "answers.lua")
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKEN") or "", "[^,]+") do
	table.insert(tokens, t)
end
local nonce = os.getenv("BENCH_NONCE") or tostring(os.time())
local schools = {
	{ "000.00.31.H26", "7901010000" },
	{ "000.00.32.H26", "7902010000" },
	{ "000.00.41.H26", "7903010000" },
	{ "000.00.42.H26", "7904010000" },
}
function init(args)
	counter = 0
	bad = 0
	bodies = {}
	for i, s in ipairs(schools) do
		bodies[i] = string.format('{"data":{"applicant_relation":"parent",'
		    .. '"school":"%s","student_code":"%s","school_years":'
		    .. '["2023-2024","2024-2025"],"copies":2,"purpose":'
		    .. '"further-study","delivery":"electronic"}}', s[1], s[2])
	end
end

function request()
	counter = counter + 1
	return wrk.format("POST", nil, {
		["Content-Type"] = "application/json",
		["Accept"] = "application/json",
		["Authorization"] = "Bearer " .. tokens[counter % #tokens + 1],
		["Idempotency-Key"] = string.format("%s-%d-%d", nonce, tid,
		    counter),
	}, bodies[counter % #bodies + 1])
end

answers(201, "submit")
