// @ts-nocheck
/*
 * Validators for schemas/plan.schema.json and schemas/state.schema.json, compiled ahead of time with
 * ajv's standalone code by scripts/build-validators.ts. Do not edit: change the schemas and
 * run `npm run build:validators`.
 */
export const validatePlan = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"urn:kmsguard:schema:plan","title":"Terraform plan as `terraform show -json <planfile>` prints it","description":"The parts kmsguard reads are described precisely; every other key is allowed.","type":"object","required":["format_version","planned_values"],"properties":{"format_version":{"type":"string"},"terraform_version":{"type":"string"},"errored":{"type":"boolean"},"complete":{"type":"boolean"},"planned_values":{"$ref":"urn:kmsguard:schema:state#/definitions/values"},"resource_changes":{"type":"array","items":{"$ref":"#/definitions/resource_change"}},"prior_state":{"type":"object","properties":{"format_version":{"type":"string"},"terraform_version":{"type":"string"},"values":{"$ref":"urn:kmsguard:schema:state#/definitions/values"}}},"configuration":{"type":"object","properties":{"provider_config":{"type":"object"},"root_module":{"$ref":"#/definitions/config_module"}}}},"definitions":{"resource_change":{"type":"object","required":["address","mode","type","name","change"],"properties":{"address":{"type":"string"},"module_address":{"type":"string"},"mode":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"index":{"type":["integer","string"]},"provider_name":{"type":"string"},"deposed":{"type":"string"},"change":{"type":"object","required":["actions","before","after","after_unknown"],"properties":{"actions":{"type":"array","minItems":1,"items":{"type":"string"}},"before":{"type":["object","null"]},"after":{"type":["object","null"]},"after_unknown":{"type":"object"}}}}},"config_module":{"type":"object","properties":{"resources":{"type":"array","items":{"$ref":"#/definitions/config_resource"}},"module_calls":{"type":"object","additionalProperties":{"$ref":"#/definitions/module_call"}}}},"config_resource":{"type":"object","required":["address","mode","type","name"],"properties":{"address":{"type":"string"},"mode":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"provider_config_key":{"type":"string"},"expressions":{"type":"object"}}},"module_call":{"type":"object","properties":{"source":{"type":"string"},"expressions":{"type":"object"},"module":{"$ref":"#/definitions/config_module"}}}}};
const schema17 = {"type":"object","required":["address","mode","type","name","change"],"properties":{"address":{"type":"string"},"module_address":{"type":"string"},"mode":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"index":{"type":["integer","string"]},"provider_name":{"type":"string"},"deposed":{"type":"string"},"change":{"type":"object","required":["actions","before","after","after_unknown"],"properties":{"actions":{"type":"array","minItems":1,"items":{"type":"string"}},"before":{"type":["object","null"]},"after":{"type":["object","null"]},"after_unknown":{"type":"object"}}}}};
const func0 = Object.prototype.hasOwnProperty;
const schema13 = {"type":"object","required":["root_module"],"properties":{"outputs":{"type":"object"},"root_module":{"$ref":"#/definitions/module"}}};
const schema14 = {"type":"object","properties":{"address":{"type":"string"},"resources":{"type":"array","items":{"$ref":"#/definitions/resource"}},"child_modules":{"type":"array","items":{"$ref":"#/definitions/module"}}}};
const schema15 = {"description":"`values` is absent when none of the resource's values are known (plans only).","type":"object","required":["address","mode","type","name"],"properties":{"address":{"type":"string"},"mode":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"index":{"type":["integer","string"]},"provider_name":{"type":"string"},"values":{"type":"object"},"sensitive_values":{"type":"object"},"deposed_key":{"type":"string"}}};
const wrapper0 = {validate: validate13};

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.address !== undefined && func0.call(data, "address")){
const _errs1 = errors;
if(typeof data.address !== "string"){
validate13.errors = [{instancePath:instancePath+"/address",schemaPath:"#/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.resources !== undefined && func0.call(data, "resources")){
let data1 = data.resources;
const _errs3 = errors;
if(errors === _errs3){
if(Array.isArray(data1)){
var valid1 = true;
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
let missing0;
if((((((data2.address === undefined) || (!(func0.call(data2, "address")))) && (missing0 = "address")) || (((data2.mode === undefined) || (!(func0.call(data2, "mode")))) && (missing0 = "mode"))) || (((data2.type === undefined) || (!(func0.call(data2, "type")))) && (missing0 = "type"))) || (((data2.name === undefined) || (!(func0.call(data2, "name")))) && (missing0 = "name"))){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0,schemaPath:"#/definitions/resource/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data2.address !== undefined && func0.call(data2, "address")){
const _errs8 = errors;
if(typeof data2.address !== "string"){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/address",schemaPath:"#/definitions/resource/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs8 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data2.mode !== undefined && func0.call(data2, "mode")){
const _errs10 = errors;
if(typeof data2.mode !== "string"){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/mode",schemaPath:"#/definitions/resource/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs10 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data2.type !== undefined && func0.call(data2, "type")){
const _errs12 = errors;
if(typeof data2.type !== "string"){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/type",schemaPath:"#/definitions/resource/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs12 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data2.name !== undefined && func0.call(data2, "name")){
const _errs14 = errors;
if(typeof data2.name !== "string"){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/name",schemaPath:"#/definitions/resource/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs14 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data2.index !== undefined && func0.call(data2, "index")){
let data7 = data2.index;
const _errs16 = errors;
if((!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))) && (typeof data7 !== "string")){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/index",schemaPath:"#/definitions/resource/properties/index/type",keyword:"type",params:{type: schema15.properties.index.type},message:"must be integer,string"}];
return false;
}
var valid3 = _errs16 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data2.provider_name !== undefined && func0.call(data2, "provider_name")){
const _errs18 = errors;
if(typeof data2.provider_name !== "string"){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/provider_name",schemaPath:"#/definitions/resource/properties/provider_name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs18 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data2.values !== undefined && func0.call(data2, "values")){
let data9 = data2.values;
const _errs20 = errors;
if(!(data9 && typeof data9 == "object" && !Array.isArray(data9))){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/values",schemaPath:"#/definitions/resource/properties/values/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid3 = _errs20 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data2.sensitive_values !== undefined && func0.call(data2, "sensitive_values")){
let data10 = data2.sensitive_values;
const _errs22 = errors;
if(!(data10 && typeof data10 == "object" && !Array.isArray(data10))){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/sensitive_values",schemaPath:"#/definitions/resource/properties/sensitive_values/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid3 = _errs22 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data2.deposed_key !== undefined && func0.call(data2, "deposed_key")){
const _errs24 = errors;
if(typeof data2.deposed_key !== "string"){
validate13.errors = [{instancePath:instancePath+"/resources/" + i0+"/deposed_key",schemaPath:"#/definitions/resource/properties/deposed_key/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs24 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate13.errors = [{instancePath:instancePath+"/resources/" + i0,schemaPath:"#/definitions/resource/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs5 === errors;
if(!valid1){
break;
}
}
}
else {
validate13.errors = [{instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.child_modules !== undefined && func0.call(data, "child_modules")){
let data12 = data.child_modules;
const _errs26 = errors;
if(errors === _errs26){
if(Array.isArray(data12)){
var valid4 = true;
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
const _errs28 = errors;
if(!(wrapper0.validate(data12[i1], {instancePath:instancePath+"/child_modules/" + i1,parentData:data12,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
var valid4 = _errs28 === errors;
if(!valid4){
break;
}
}
}
else {
validate13.errors = [{instancePath:instancePath+"/child_modules",schemaPath:"#/properties/child_modules/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs26 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate13.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate13.errors = vErrors;
return errors === 0;
}


function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.root_module === undefined) || (!(func0.call(data, "root_module")))) && (missing0 = "root_module")){
validate16.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.outputs !== undefined && func0.call(data, "outputs")){
let data0 = data.outputs;
const _errs1 = errors;
if(!(data0 && typeof data0 == "object" && !Array.isArray(data0))){
validate16.errors = [{instancePath:instancePath+"/outputs",schemaPath:"#/properties/outputs/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.root_module !== undefined && func0.call(data, "root_module")){
const _errs3 = errors;
if(!(validate13(data.root_module, {instancePath:instancePath+"/root_module",parentData:data,parentDataProperty:"root_module",rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate16.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate16.errors = vErrors;
return errors === 0;
}

const schema18 = {"type":"object","properties":{"resources":{"type":"array","items":{"$ref":"#/definitions/config_resource"}},"module_calls":{"type":"object","additionalProperties":{"$ref":"#/definitions/module_call"}}}};
const schema19 = {"type":"object","required":["address","mode","type","name"],"properties":{"address":{"type":"string"},"mode":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"provider_config_key":{"type":"string"},"expressions":{"type":"object"}}};
const schema20 = {"type":"object","properties":{"source":{"type":"string"},"expressions":{"type":"object"},"module":{"$ref":"#/definitions/config_module"}}};
const wrapper1 = {validate: validate20};

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source !== undefined && func0.call(data, "source")){
const _errs1 = errors;
if(typeof data.source !== "string"){
validate21.errors = [{instancePath:instancePath+"/source",schemaPath:"#/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.expressions !== undefined && func0.call(data, "expressions")){
let data1 = data.expressions;
const _errs3 = errors;
if(!(data1 && typeof data1 == "object" && !Array.isArray(data1))){
validate21.errors = [{instancePath:instancePath+"/expressions",schemaPath:"#/properties/expressions/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.module !== undefined && func0.call(data, "module")){
const _errs5 = errors;
if(!(wrapper1.validate(data.module, {instancePath:instancePath+"/module",parentData:data,parentDataProperty:"module",rootData}))){
vErrors = vErrors === null ? wrapper1.validate.errors : vErrors.concat(wrapper1.validate.errors);
errors = vErrors.length;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate21.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate21.errors = vErrors;
return errors === 0;
}


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.resources !== undefined && func0.call(data, "resources")){
let data0 = data.resources;
const _errs1 = errors;
if(errors === _errs1){
if(Array.isArray(data0)){
var valid1 = true;
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
const _errs3 = errors;
const _errs4 = errors;
if(errors === _errs4){
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing0;
if((((((data1.address === undefined) || (!(func0.call(data1, "address")))) && (missing0 = "address")) || (((data1.mode === undefined) || (!(func0.call(data1, "mode")))) && (missing0 = "mode"))) || (((data1.type === undefined) || (!(func0.call(data1, "type")))) && (missing0 = "type"))) || (((data1.name === undefined) || (!(func0.call(data1, "name")))) && (missing0 = "name"))){
validate20.errors = [{instancePath:instancePath+"/resources/" + i0,schemaPath:"#/definitions/config_resource/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data1.address !== undefined && func0.call(data1, "address")){
const _errs6 = errors;
if(typeof data1.address !== "string"){
validate20.errors = [{instancePath:instancePath+"/resources/" + i0+"/address",schemaPath:"#/definitions/config_resource/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs6 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.mode !== undefined && func0.call(data1, "mode")){
const _errs8 = errors;
if(typeof data1.mode !== "string"){
validate20.errors = [{instancePath:instancePath+"/resources/" + i0+"/mode",schemaPath:"#/definitions/config_resource/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs8 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.type !== undefined && func0.call(data1, "type")){
const _errs10 = errors;
if(typeof data1.type !== "string"){
validate20.errors = [{instancePath:instancePath+"/resources/" + i0+"/type",schemaPath:"#/definitions/config_resource/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs10 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.name !== undefined && func0.call(data1, "name")){
const _errs12 = errors;
if(typeof data1.name !== "string"){
validate20.errors = [{instancePath:instancePath+"/resources/" + i0+"/name",schemaPath:"#/definitions/config_resource/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs12 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.provider_config_key !== undefined && func0.call(data1, "provider_config_key")){
const _errs14 = errors;
if(typeof data1.provider_config_key !== "string"){
validate20.errors = [{instancePath:instancePath+"/resources/" + i0+"/provider_config_key",schemaPath:"#/definitions/config_resource/properties/provider_config_key/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs14 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.expressions !== undefined && func0.call(data1, "expressions")){
let data7 = data1.expressions;
const _errs16 = errors;
if(!(data7 && typeof data7 == "object" && !Array.isArray(data7))){
validate20.errors = [{instancePath:instancePath+"/resources/" + i0+"/expressions",schemaPath:"#/definitions/config_resource/properties/expressions/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid3 = _errs16 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/resources/" + i0,schemaPath:"#/definitions/config_resource/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs3 === errors;
if(!valid1){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.module_calls !== undefined && func0.call(data, "module_calls")){
let data8 = data.module_calls;
const _errs18 = errors;
if(errors === _errs18){
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key0 of Object.keys(data8)){
const _errs21 = errors;
if(!(validate21(data8[key0], {instancePath:instancePath+"/module_calls/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data8,parentDataProperty:key0,rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
var valid4 = _errs21 === errors;
if(!valid4){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/module_calls",schemaPath:"#/properties/module_calls/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs18 === errors;
}
else {
var valid0 = true;
}
}
}
else {
validate20.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate20.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="urn:kmsguard:schema:plan" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.format_version === undefined) || (!(func0.call(data, "format_version")))) && (missing0 = "format_version")) || (((data.planned_values === undefined) || (!(func0.call(data, "planned_values")))) && (missing0 = "planned_values"))){
validate10.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.format_version !== undefined && func0.call(data, "format_version")){
const _errs1 = errors;
if(typeof data.format_version !== "string"){
validate10.errors = [{instancePath:instancePath+"/format_version",schemaPath:"#/properties/format_version/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.terraform_version !== undefined && func0.call(data, "terraform_version")){
const _errs3 = errors;
if(typeof data.terraform_version !== "string"){
validate10.errors = [{instancePath:instancePath+"/terraform_version",schemaPath:"#/properties/terraform_version/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.errored !== undefined && func0.call(data, "errored")){
const _errs5 = errors;
if(typeof data.errored !== "boolean"){
validate10.errors = [{instancePath:instancePath+"/errored",schemaPath:"#/properties/errored/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.complete !== undefined && func0.call(data, "complete")){
const _errs7 = errors;
if(typeof data.complete !== "boolean"){
validate10.errors = [{instancePath:instancePath+"/complete",schemaPath:"#/properties/complete/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.planned_values !== undefined && func0.call(data, "planned_values")){
const _errs9 = errors;
if(!(validate16(data.planned_values, {instancePath:instancePath+"/planned_values",parentData:data,parentDataProperty:"planned_values",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.resource_changes !== undefined && func0.call(data, "resource_changes")){
let data5 = data.resource_changes;
const _errs10 = errors;
if(errors === _errs10){
if(Array.isArray(data5)){
var valid1 = true;
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
const _errs12 = errors;
const _errs13 = errors;
if(errors === _errs13){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
let missing1;
if(((((((data6.address === undefined) || (!(func0.call(data6, "address")))) && (missing1 = "address")) || (((data6.mode === undefined) || (!(func0.call(data6, "mode")))) && (missing1 = "mode"))) || (((data6.type === undefined) || (!(func0.call(data6, "type")))) && (missing1 = "type"))) || (((data6.name === undefined) || (!(func0.call(data6, "name")))) && (missing1 = "name"))) || (((data6.change === undefined) || (!(func0.call(data6, "change")))) && (missing1 = "change"))){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0,schemaPath:"#/definitions/resource_change/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
if(data6.address !== undefined && func0.call(data6, "address")){
const _errs15 = errors;
if(typeof data6.address !== "string"){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/address",schemaPath:"#/definitions/resource_change/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs15 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.module_address !== undefined && func0.call(data6, "module_address")){
const _errs17 = errors;
if(typeof data6.module_address !== "string"){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/module_address",schemaPath:"#/definitions/resource_change/properties/module_address/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs17 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.mode !== undefined && func0.call(data6, "mode")){
const _errs19 = errors;
if(typeof data6.mode !== "string"){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/mode",schemaPath:"#/definitions/resource_change/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs19 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.type !== undefined && func0.call(data6, "type")){
const _errs21 = errors;
if(typeof data6.type !== "string"){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/type",schemaPath:"#/definitions/resource_change/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs21 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.name !== undefined && func0.call(data6, "name")){
const _errs23 = errors;
if(typeof data6.name !== "string"){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/name",schemaPath:"#/definitions/resource_change/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs23 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.index !== undefined && func0.call(data6, "index")){
let data12 = data6.index;
const _errs25 = errors;
if((!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))) && (typeof data12 !== "string")){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/index",schemaPath:"#/definitions/resource_change/properties/index/type",keyword:"type",params:{type: schema17.properties.index.type},message:"must be integer,string"}];
return false;
}
var valid3 = _errs25 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.provider_name !== undefined && func0.call(data6, "provider_name")){
const _errs27 = errors;
if(typeof data6.provider_name !== "string"){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/provider_name",schemaPath:"#/definitions/resource_change/properties/provider_name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs27 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.deposed !== undefined && func0.call(data6, "deposed")){
const _errs29 = errors;
if(typeof data6.deposed !== "string"){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/deposed",schemaPath:"#/definitions/resource_change/properties/deposed/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs29 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.change !== undefined && func0.call(data6, "change")){
let data15 = data6.change;
const _errs31 = errors;
if(errors === _errs31){
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
let missing2;
if((((((data15.actions === undefined) || (!(func0.call(data15, "actions")))) && (missing2 = "actions")) || (((data15.before === undefined) || (!(func0.call(data15, "before")))) && (missing2 = "before"))) || (((data15.after === undefined) || (!(func0.call(data15, "after")))) && (missing2 = "after"))) || (((data15.after_unknown === undefined) || (!(func0.call(data15, "after_unknown")))) && (missing2 = "after_unknown"))){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/change",schemaPath:"#/definitions/resource_change/properties/change/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
else {
if(data15.actions !== undefined && func0.call(data15, "actions")){
let data16 = data15.actions;
const _errs33 = errors;
if(errors === _errs33){
if(Array.isArray(data16)){
if(data16.length < 1){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/change/actions",schemaPath:"#/definitions/resource_change/properties/change/properties/actions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid5 = true;
const len1 = data16.length;
for(let i1=0; i1<len1; i1++){
const _errs35 = errors;
if(typeof data16[i1] !== "string"){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/change/actions/" + i1,schemaPath:"#/definitions/resource_change/properties/change/properties/actions/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid5 = _errs35 === errors;
if(!valid5){
break;
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/change/actions",schemaPath:"#/definitions/resource_change/properties/change/properties/actions/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid4 = _errs33 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data15.before !== undefined && func0.call(data15, "before")){
let data18 = data15.before;
const _errs37 = errors;
if((!(data18 && typeof data18 == "object" && !Array.isArray(data18))) && (data18 !== null)){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/change/before",schemaPath:"#/definitions/resource_change/properties/change/properties/before/type",keyword:"type",params:{type: schema17.properties.change.properties.before.type},message:"must be object,null"}];
return false;
}
var valid4 = _errs37 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data15.after !== undefined && func0.call(data15, "after")){
let data19 = data15.after;
const _errs39 = errors;
if((!(data19 && typeof data19 == "object" && !Array.isArray(data19))) && (data19 !== null)){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/change/after",schemaPath:"#/definitions/resource_change/properties/change/properties/after/type",keyword:"type",params:{type: schema17.properties.change.properties.after.type},message:"must be object,null"}];
return false;
}
var valid4 = _errs39 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data15.after_unknown !== undefined && func0.call(data15, "after_unknown")){
let data20 = data15.after_unknown;
const _errs41 = errors;
if(!(data20 && typeof data20 == "object" && !Array.isArray(data20))){
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/change/after_unknown",schemaPath:"#/definitions/resource_change/properties/change/properties/after_unknown/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid4 = _errs41 === errors;
}
else {
var valid4 = true;
}
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0+"/change",schemaPath:"#/definitions/resource_change/properties/change/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid3 = _errs31 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/resource_changes/" + i0,schemaPath:"#/definitions/resource_change/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs12 === errors;
if(!valid1){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/resource_changes",schemaPath:"#/properties/resource_changes/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.prior_state !== undefined && func0.call(data, "prior_state")){
let data21 = data.prior_state;
const _errs43 = errors;
if(errors === _errs43){
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
if(data21.format_version !== undefined && func0.call(data21, "format_version")){
const _errs45 = errors;
if(typeof data21.format_version !== "string"){
validate10.errors = [{instancePath:instancePath+"/prior_state/format_version",schemaPath:"#/properties/prior_state/properties/format_version/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid6 = _errs45 === errors;
}
else {
var valid6 = true;
}
if(valid6){
if(data21.terraform_version !== undefined && func0.call(data21, "terraform_version")){
const _errs47 = errors;
if(typeof data21.terraform_version !== "string"){
validate10.errors = [{instancePath:instancePath+"/prior_state/terraform_version",schemaPath:"#/properties/prior_state/properties/terraform_version/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid6 = _errs47 === errors;
}
else {
var valid6 = true;
}
if(valid6){
if(data21.values !== undefined && func0.call(data21, "values")){
const _errs49 = errors;
if(!(validate16(data21.values, {instancePath:instancePath+"/prior_state/values",parentData:data21,parentDataProperty:"values",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
var valid6 = _errs49 === errors;
}
else {
var valid6 = true;
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/prior_state",schemaPath:"#/properties/prior_state/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs43 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.configuration !== undefined && func0.call(data, "configuration")){
let data25 = data.configuration;
const _errs50 = errors;
if(errors === _errs50){
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
if(data25.provider_config !== undefined && func0.call(data25, "provider_config")){
let data26 = data25.provider_config;
const _errs52 = errors;
if(!(data26 && typeof data26 == "object" && !Array.isArray(data26))){
validate10.errors = [{instancePath:instancePath+"/configuration/provider_config",schemaPath:"#/properties/configuration/properties/provider_config/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid7 = _errs52 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data25.root_module !== undefined && func0.call(data25, "root_module")){
const _errs54 = errors;
if(!(validate20(data25.root_module, {instancePath:instancePath+"/configuration/root_module",parentData:data25,parentDataProperty:"root_module",rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
var valid7 = _errs54 === errors;
}
else {
var valid7 = true;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/configuration",schemaPath:"#/properties/configuration/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs50 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate10.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate10.errors = vErrors;
return errors === 0;
}

export const validateState = validate11;
const schema12 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"urn:kmsguard:schema:state","title":"Terraform state as `terraform show -json` prints it","description":"The parts kmsguard reads are described precisely; every other key is allowed. A state with no resources may have no `values` at all.","type":"object","required":["format_version"],"properties":{"format_version":{"type":"string"},"terraform_version":{"type":"string"},"values":{"$ref":"#/definitions/values"}},"definitions":{"values":{"type":"object","required":["root_module"],"properties":{"outputs":{"type":"object"},"root_module":{"$ref":"#/definitions/module"}}},"module":{"type":"object","properties":{"address":{"type":"string"},"resources":{"type":"array","items":{"$ref":"#/definitions/resource"}},"child_modules":{"type":"array","items":{"$ref":"#/definitions/module"}}}},"resource":{"description":"`values` is absent when none of the resource's values are known (plans only).","type":"object","required":["address","mode","type","name"],"properties":{"address":{"type":"string"},"mode":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"index":{"type":["integer","string"]},"provider_name":{"type":"string"},"values":{"type":"object"},"sensitive_values":{"type":"object"},"deposed_key":{"type":"string"}}}}};

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.root_module === undefined) || (!(func0.call(data, "root_module")))) && (missing0 = "root_module")){
validate12.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.outputs !== undefined && func0.call(data, "outputs")){
let data0 = data.outputs;
const _errs1 = errors;
if(!(data0 && typeof data0 == "object" && !Array.isArray(data0))){
validate12.errors = [{instancePath:instancePath+"/outputs",schemaPath:"#/properties/outputs/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.root_module !== undefined && func0.call(data, "root_module")){
const _errs3 = errors;
if(!(validate13(data.root_module, {instancePath:instancePath+"/root_module",parentData:data,parentDataProperty:"root_module",rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate12.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate12.errors = vErrors;
return errors === 0;
}


function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="urn:kmsguard:schema:state" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.format_version === undefined) || (!(func0.call(data, "format_version")))) && (missing0 = "format_version")){
validate11.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.format_version !== undefined && func0.call(data, "format_version")){
const _errs1 = errors;
if(typeof data.format_version !== "string"){
validate11.errors = [{instancePath:instancePath+"/format_version",schemaPath:"#/properties/format_version/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.terraform_version !== undefined && func0.call(data, "terraform_version")){
const _errs3 = errors;
if(typeof data.terraform_version !== "string"){
validate11.errors = [{instancePath:instancePath+"/terraform_version",schemaPath:"#/properties/terraform_version/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.values !== undefined && func0.call(data, "values")){
const _errs5 = errors;
if(!(validate12(data.values, {instancePath:instancePath+"/values",parentData:data,parentDataProperty:"values",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate11.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate11.errors = vErrors;
return errors === 0;
}
