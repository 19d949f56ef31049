# readall.rb: the front matter Jekyll reads from each post (its
# Document::YAML_FRONT_MATTER_REGEXP, then SafeYAML-like safe_load with
# Date and Time), for the red team's deep comparison.
#
#   ruby readall.rb FILE...
#
# Prints one JSON line per file: {"file", "ruby"}, {"data": ...} or
# {"error": message}; "none" when Jekyll finds no front matter.
require 'yaml'
require 'json'
require 'date'

RE = /\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)/m

def canon(v)
  case v
  when Time then {'$time' => v.utc.strftime('%Y-%m-%dT%H:%M:%S.%NZ')}
  when Date then {'$day' => v.iso8601}
  when Float then {'$num' => v.nan? ? 'NaN' : v.to_s}
  when Integer then {'$num' => v.to_s}
  when Symbol then {'$sym' => v.to_s}
  when String then v.encoding == Encoding::BINARY ? {'$bin' => [v].pack('m0')} : v
  when Array then v.map { |x| canon(x) }
  when Hash then v.keys.map(&:to_s).sort.each_with_object({}) { |k, o| o[k] = canon(v[k] || v[k.to_sym]) }
  else v
  end
end

ARGV.each do |f|
  s = File.read(f, mode: 'rb:bom|utf-8')
  rec = {'file' => f}
  begin
    m = RE.match(s)
    if m.nil?
      rec['ruby'] = {'none' => true}
    else
      d = YAML.safe_load(m[1], permitted_classes: [Date, Time], aliases: true)
      rec['ruby'] = {'data' => canon(d)}
    end
  rescue StandardError, Psych::Exception => e
    rec['ruby'] = {'error' => e.message.to_s.lines.first.to_s.chomp}
  end
  puts JSON.generate(rec)
end
