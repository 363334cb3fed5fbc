-- wrk script: authenticated single lookups over keep-alive, names from queries.txt (cycled).
local names = {}
local i = 0
local auth = "Bearer " .. os.getenv("TOKEN")

function init(args)
  for line in io.lines(os.getenv("QUERIES")) do
    names[#names + 1] = line
  end
  i = math.random(#names)
end

function request()
  i = i % #names + 1
  return wrk.format("GET", "/v1/lookup?domain=" .. names[i], {
    ["Authorization"] = auth
  })
end
