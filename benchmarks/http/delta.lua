-- wrk script: delta polls from the previous version, as an up-to-date ISP polls.
local req

function init(args)
  -- built here, not at load: wrk sets the Host header just before init
  req = wrk.format("GET", "/v1/delta?from=" .. os.getenv("FROM"), {
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  })
end

function request()
  return req
end
