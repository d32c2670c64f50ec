-- a second database for the reference ERP next to ce-bridge's state store
CREATE DATABASE erp OWNER cebridge;
