-- bench/answers.lua: what the wrk scripts of scripts/bench.sh share,
-- loaded with dofile.  setup() numbers the threads (their global tid,
-- from 1) and keeps them in threads.  answers(want, what, extra)
-- defines response(),
-- which counts answers other than want in the thread's global bad
-- (printing the first few, prefixed by what), and done(), which prints
-- "non-<want>: N" summed over the threads, and "<name>: N" for each
-- thread global named in extra.
threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("tid", #threads)
end

function answers(want, what, extra)
	function response(status, headers, body)
		if status ~= want then
			bad = bad + 1
			if bad <= 3 then
				io.stderr:write(string.format("%s: %d %s\n",
				    what, status, body:sub(1, 300)))
			end
		end
	end

	function done(summary, latency, requests)
		local names = { "bad" }
		for _, n in ipairs(extra or {}) do
			table.insert(names, n)
		end
		for _, n in ipairs(names) do
			local sum = 0
			for _, t in ipairs(threads) do
				sum = sum + (t:get(n) or 0)
			end
			io.write(string.format("%s: %d\n", n == "bad" and
			    "non-" .. want or n, sum))
		end
	end
end

